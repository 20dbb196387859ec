namespace EdgeMesh.Daemon.Api
{
    /// <summary>Body of <c>POST /v1/publish</c>: a topic and either text or base64 bytes.</summary>
    public sealed class PublishRequest
    {
        /// <summary>Topic name.</summary>
        public string Topic { get; set; } = string.Empty;

        /// <summary>Text to send as a Text payload (type 4).</summary>
        public string? Text { get; set; }

        /// <summary>Bytes to send unchanged, base64-encoded; payload type Raw (0) unless <see cref="PayloadType"/> says otherwise.</summary>
        public string? Base64 { get; set; }

        /// <summary>Payload type for base64 bytes (docs/payloads.md).</summary>
        public ushort? PayloadType { get; set; }
    }
}

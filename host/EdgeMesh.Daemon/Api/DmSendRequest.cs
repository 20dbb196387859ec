namespace EdgeMesh.Daemon.Api
{
    /// <summary>Body of <c>POST /v1/dm</c>: a recipient, text or base64 bytes, and how long to wait.</summary>
    public sealed class DmSendRequest
    {
        /// <summary>The recipient's node id (16 or 64 hex digits).</summary>
        public string Recipient { get; set; } = string.Empty;

        /// <summary>Text to send as a Text payload (type 4).</summary>
        public string? Text { get; set; }

        /// <summary>Bytes to send unchanged, base64-encoded; payload type Raw (0) unless <see cref="PayloadType"/> says otherwise.</summary>
        public string? Base64 { get; set; }

        /// <summary>Payload type for base64 bytes (docs/payloads.md).</summary>
        public ushort? PayloadType { get; set; }

        /// <summary>Seconds to wait for the receipt (default 30, 0 returns at once with status "queued", at most 3600).</summary>
        public double? Timeout { get; set; }

        /// <summary>Seconds until the message expires (default: the node's dm.defaultLifetimeSeconds, at most 600).</summary>
        public double? Lifetime { get; set; }
    }
}

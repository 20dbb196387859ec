namespace EdgeMesh.Daemon.Api
{
    /// <summary>One message of a subscription stream (a server-sent event, and a line of <c>edgemesh sub --json</c>).</summary>
    public sealed class MessageEvent
    {
        /// <summary>Topic name.</summary>
        public string Topic { get; set; } = string.Empty;

        /// <summary>Originator's node id.</summary>
        public string Sender { get; set; } = string.Empty;

        /// <summary>Payload type number.</summary>
        public ushort PayloadType { get; set; }

        /// <summary>The text of a Text payload.</summary>
        public string? Text { get; set; }

        /// <summary>Any other payload, base64-encoded.</summary>
        public string? Base64 { get; set; }

        /// <summary>Originator's timestamp (Unix ms).</summary>
        public long TimestampMs { get; set; }

        /// <summary>Receive time minus the originator's timestamp (clocks must be synchronised for this to mean latency).</summary>
        public long LatencyMs { get; set; }
    }
}

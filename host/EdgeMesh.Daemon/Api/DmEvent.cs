namespace EdgeMesh.Daemon.Api
{
    /// <summary>One received direct message: an element of <c>GET /v1/dm/inbox</c>, an event of <c>/v1/dm/stream</c>, a line of <c>edgemesh inbox --json</c>.</summary>
    public sealed class DmEvent
    {
        /// <summary>The authenticated sender's node id.</summary>
        public string Sender { get; set; } = string.Empty;

        /// <summary>The sender's request id (32 hex digits).</summary>
        public string RequestId { get; set; } = string.Empty;

        /// <summary>Payload type number (4 = text).</summary>
        public ushort PayloadType { get; set; }

        /// <summary>The text of a Text payload.</summary>
        public string? Text { get; set; }

        /// <summary>Any other payload, base64-encoded.</summary>
        public string? Base64 { get; set; }

        /// <summary>When this node accepted it, ISO 8601 UTC.</summary>
        public string ReceivedAt { get; set; } = string.Empty;

        /// <summary>When this node accepted it, Unix ms.</summary>
        public long ReceivedAtMs { get; set; }

        /// <summary>When the sender created it, Unix ms (sender's clock).</summary>
        public long CreatedAtMs { get; set; }

        /// <summary>How its last fragment arrived: direct, gossip or loopback.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>With a leased take: until when (Unix ms) the message waits for <c>POST /v1/dm/inbox/confirm</c> before it returns to the inbox.</summary>
        public long? LeaseExpiresAtMs { get; set; }
    }
}

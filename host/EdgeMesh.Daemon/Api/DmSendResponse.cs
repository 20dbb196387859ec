namespace EdgeMesh.Daemon.Api
{
    /// <summary>Answer of <c>POST /v1/dm</c> and the JSON of <c>edgemesh send --json</c>.</summary>
    public sealed class DmSendResponse
    {
        /// <summary>accepted, rejected, timeout, or queued (when the caller did not wait).</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>The message's request id (32 hex digits); empty when the send was refused before it was stored.</summary>
        public string RequestId { get; set; } = string.Empty;

        /// <summary>The recipient's node id.</summary>
        public string? Recipient { get; set; }

        /// <summary>Path of the last attempt: direct, gossip, loopback or none.</summary>
        public string Path { get; set; } = "none";

        /// <summary>Attempts made so far.</summary>
        public int Attempts { get; set; }

        /// <summary>Why it was rejected: the recipient's reason (NotAllowed, Undecryptable, ...) or this node's refusal (OutboxFull, PayloadTooLarge, ...).</summary>
        public string? Reason { get; set; }

        /// <summary>A sentence for a person: the recipient's reason text, or what went wrong here.</summary>
        public string? Error { get; set; }

        /// <summary>True when the wait ended before the receipt: the node keeps retrying until the message expires.</summary>
        public bool Pending { get; set; }
    }
}

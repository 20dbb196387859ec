using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging
{
    /// <summary>The final outcome of one send, produced once per accepted send.</summary>
    public sealed class DmReceipt
    {
        internal DmReceipt(DmRequestId requestId, NodeId recipient, DmReceiptStatus status, DmPathKind path, int attempts, DmRejectReason reason, string reasonText, long completedAtMs)
        {
            RequestId = requestId;
            Recipient = recipient;
            Status = status;
            Path = path;
            Attempts = attempts;
            Reason = reason;
            ReasonText = reasonText;
            CompletedAtMs = completedAtMs;
        }

        /// <summary>The id <see cref="DirectMessenger.Send"/> returned.</summary>
        public DmRequestId RequestId { get; }

        /// <summary>The recipient.</summary>
        public NodeId Recipient { get; }

        /// <summary>Accepted, rejected or timed out.</summary>
        public DmReceiptStatus Status { get; }

        /// <summary>The path of the last attempt (<see cref="DmPathKind.None"/> when none was made).</summary>
        public DmPathKind Path { get; }

        /// <summary>Attempts made (by this process: a restart counts afresh).</summary>
        public int Attempts { get; }

        /// <summary>The recipient's reason (<see cref="DmReceiptStatus.Rejected"/> only).</summary>
        public DmRejectReason Reason { get; }

        /// <summary>The recipient's reason text, possibly empty (<see cref="DmReceiptStatus.Rejected"/> only).</summary>
        public string ReasonText { get; }

        /// <summary>When the outcome was known here, Unix milliseconds.</summary>
        public long CompletedAtMs { get; }

        /// <summary>"accepted", "rejected" or "timeout": the CLI's and HTTP API's status word.</summary>
        public string StatusText => Status == DmReceiptStatus.Accepted ? "accepted" : Status == DmReceiptStatus.Rejected ? "rejected" : "timeout";
    }
}

namespace EdgeMesh.Messaging
{
    /// <summary>What <see cref="DirectMessenger.Send"/> did: queued under a request id, or refused with a reason.</summary>
    public readonly struct DmSendResult
    {
        internal DmSendResult(DmSendError error, DmRequestId requestId, string message)
        {
            Error = error;
            RequestId = requestId;
            Message = message;
        }

        /// <summary><see cref="DmSendError.None"/> when queued.</summary>
        public DmSendError Error { get; }

        /// <summary>The new message's id (empty when refused).</summary>
        public DmRequestId RequestId { get; }

        /// <summary>A sentence for the user: what happened and, when refused, why.</summary>
        public string Message { get; }

        /// <summary>True when the message was accepted into the outbox; a receipt will follow.</summary>
        public bool IsQueued => Error == DmSendError.None;
    }
}

namespace EdgeMesh.Messaging
{
    /// <summary>Why <see cref="DirectMessenger.Send"/> refused a message (nothing was queued then).</summary>
    public enum DmSendError : byte
    {
        /// <summary>Queued: a receipt follows.</summary>
        None = 0,

        /// <summary>The payload is longer than 48 KiB.</summary>
        PayloadTooLarge = 1,

        /// <summary>The recipient id is empty.</summary>
        InvalidRecipient = 2,

        /// <summary>The requested lifetime is not in 1 ms .. the configured maximum (at most 600 s).</summary>
        InvalidLifetime = 3,

        /// <summary>No key is known for the recipient (not enrolled, or its certificate not seen yet), or the key is unusable.</summary>
        RecipientKeyUnknown = 4,

        /// <summary>The outbox holds its maximum count or bytes of unacknowledged messages.</summary>
        OutboxFull = 5,

        /// <summary>The outbox could not persist the message (disk full, I/O error).</summary>
        StorageFailed = 6,
    }
}

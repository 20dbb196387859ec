namespace EdgeMesh.Messaging
{
    /// <summary>The final outcome of a send.</summary>
    public enum DmReceiptStatus : byte
    {
        /// <summary>The recipient acknowledged it (signed): it is in the recipient's inbox.</summary>
        Accepted = 1,

        /// <summary>The recipient refused it (signed) with a reason.</summary>
        Rejected = 2,

        /// <summary>No acknowledgement before expiry or before the last attempt timed out; the outbox entry is freed.</summary>
        TimedOut = 3,
    }
}

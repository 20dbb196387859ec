namespace EdgeMesh.Messaging
{
    /// <summary>
    /// Why a recipient refused a direct message; carried in the signed rejection back to the sender
    /// (2 bytes on the wire, docs/direct-messages.md §3.4). Values from
    /// <see cref="FirstApplicationDefined"/> up are free for application policies.
    /// </summary>
    public enum DmRejectReason : ushort
    {
        /// <summary>Not rejected.</summary>
        None = 0,

        /// <summary>The sender is not allowed to send to this node (for example: not on the allow list).</summary>
        NotAllowed = 1,

        /// <summary>The recipient does not take this content type.</summary>
        UnsupportedContent = 2,

        /// <summary>The body did not decrypt with the recipient's key (the sender used a wrong or stale key).</summary>
        Undecryptable = 3,

        /// <summary>First value application policies may use.</summary>
        FirstApplicationDefined = 0x8000,
    }
}

namespace EdgeMesh.Messaging
{
    /// <summary>
    /// Why a received packet, envelope or acknowledgement was not acted on (docs/direct-messages.md
    /// §5). Each is counted (<see cref="DirectMessenger.Refused"/>); none throws.
    /// </summary>
    public enum DmRefusal : byte
    {
        /// <summary>Not refused.</summary>
        None = 0,

        /// <summary>The bytes are not a valid fragment, envelope or acknowledgement of this format.</summary>
        Malformed = 1,

        /// <summary>A layout version this node does not speak.</summary>
        UnsupportedVersion = 2,

        /// <summary>A fragment disagrees with earlier fragments of the same message (length, count, chunk size).</summary>
        FragmentMismatch = 3,

        /// <summary>The envelope or acknowledgement names another node as recipient.</summary>
        WrongRecipient = 4,

        /// <summary>The envelope was created further in the future than the allowed clock skew.</summary>
        ClockSkew = 5,

        /// <summary>The envelope's lifetime is longer than the protocol maximum (600 s).</summary>
        LifetimeTooLong = 6,

        /// <summary>The envelope's expiry time has passed.</summary>
        Expired = 7,

        /// <summary>The key directory has no key for the sender.</summary>
        UnknownSender = 8,

        /// <summary>The sender's signature does not verify (any modified byte, or a forged sender).</summary>
        BadSignature = 9,

        /// <summary>
        /// A message already delivered or rejected (a retry, or a replay): not delivered again; the
        /// stored outcome is acknowledged again.
        /// </summary>
        Duplicate = 10,

        /// <summary>
        /// Not in the dedupe cache but no newer than an entry the full cache had to evict: it might be a
        /// replay of that entry, so it is not delivered (and not acknowledged).
        /// </summary>
        TooOld = 11,

        /// <summary>The body does not decrypt with this node's key (sealed to another key, or tampered and re-signed).</summary>
        Undecryptable = 12,

        /// <summary>The recipient policy rejected the message (a negative acknowledgement went back).</summary>
        PolicyRejected = 13,

        /// <summary>The application inbox is full: not acknowledged, so the sender retries later.</summary>
        InboxFull = 14,

        /// <summary>An acknowledgement for a request this node has no record of (late, duplicate or foreign).</summary>
        UnknownRequest = 15,

        /// <summary>An acknowledgement signed by a node other than the message's recipient.</summary>
        AckSenderMismatch = 16,
    }
}

namespace EdgeMesh.Groups
{
    /// <summary>
    /// Every way an MLS input can be refused. Decoders and group operations report one of these
    /// instead of throwing, so a hostile peer can never crash the caller.
    /// </summary>
    public enum MlsError
    {
        None = 0,
        /// <summary>The input ended before a field was complete.</summary>
        Truncated,
        /// <summary>A variable-length header used the reserved prefix or was not minimal.</summary>
        BadLength,
        /// <summary>Bytes were left over after a complete structure.</summary>
        TrailingData,
        /// <summary>An enumerated field held a value this implementation does not know.</summary>
        UnknownValue,
        /// <summary>A field held a value the protocol forbids here.</summary>
        InvalidValue,
        /// <summary>A cipher suite or protocol version other than suite 1 / MLS 1.0.</summary>
        Unsupported,
        /// <summary>A signature did not verify.</summary>
        BadSignature,
        /// <summary>A MAC (membership tag, confirmation tag) did not verify.</summary>
        BadMac,
        /// <summary>AEAD or HPKE decryption failed.</summary>
        DecryptFailed,
        /// <summary>A Diffie-Hellman output was all zero (a small-order public key).</summary>
        WeakKey,
        /// <summary>A key could not be imported.</summary>
        BadKey,
        /// <summary>A tree hash or parent hash did not match.</summary>
        BadTree,
        /// <summary>The message belongs to another group or epoch.</summary>
        WrongEpoch,
        /// <summary>No Welcome entry, proposal reference or PSK could be found.</summary>
        NotFound,
        /// <summary>The sender is unknown or not allowed to send this.</summary>
        BadSender,
        /// <summary>A ratchet generation was reused or lies too far ahead.</summary>
        Generation,
        /// <summary>A proposal list breaks the rules of RFC 9420 §12.2.</summary>
        BadProposals,
        /// <summary>A bound on sizes or counts was exceeded.</summary>
        TooLarge,
    }
}

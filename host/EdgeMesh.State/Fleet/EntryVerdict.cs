namespace EdgeMesh.State.Fleet
{
    /// <summary>Why a fleet-state entry or certificate was accepted or refused (each counted, docs/fleet-state.md §5).</summary>
    public enum EntryVerdict : byte
    {
        /// <summary>Accepted.</summary>
        Accepted = 0,

        /// <summary>No certificate of the author in the message or the local state.</summary>
        NoCertificate = 1,

        /// <summary>The certificate is malformed, of another fleet, or not signed by the fleet root.</summary>
        BadCertificate = 2,

        /// <summary>The certificate was not valid at the entry's time or is not valid now.</summary>
        CertificateExpired = 3,

        /// <summary>The certificate's key does not belong to the author id.</summary>
        AuthorMismatch = 4,

        /// <summary>No rule of the key policy covers the key.</summary>
        KeyNotAllowed = 5,

        /// <summary>The author's roles may not write the key's prefix (or it is another node's presence).</summary>
        RoleNotAllowed = 6,

        /// <summary>The signature does not verify.</summary>
        BadSignature = 7,

        /// <summary>The entry claims to replace a write later than itself, or is dated too far in the future.</summary>
        BadTimestamp = 8,
    }
}

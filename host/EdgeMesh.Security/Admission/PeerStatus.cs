namespace EdgeMesh.Security.Admission
{
    /// <summary>What <see cref="PeerAdmission.Lookup"/> knows about a sender.</summary>
    public enum PeerStatus : byte
    {
        /// <summary>Admitted with a certificate that is valid now.</summary>
        Admitted = 0,

        /// <summary>No certificate has been presented (or its entry was evicted).</summary>
        Unknown = 1,

        /// <summary>Its certificate has expired; the entry was removed.</summary>
        Expired = 2,

        /// <summary>The node is on the revocation list in force.</summary>
        Revoked = 3,
    }
}

namespace EdgeMesh.Security.Identity
{
    /// <summary>What a key file's key is for (byte 5 of the key file, docs/identity.md §2).</summary>
    public enum KeyPurpose : byte
    {
        /// <summary>A node identity key.</summary>
        Node = 1,

        /// <summary>A fleet root key, which signs certificates and revocation lists.</summary>
        FleetRoot = 2,
    }
}

namespace EdgeMesh.Groups
{
    /// <summary>A member as the ratchet tree lists it.</summary>
    public sealed class MlsMember
    {
        internal MlsMember(uint leaf, byte[] identity, byte[] signatureKey)
        {
            Leaf = leaf;
            Identity = identity;
            SignatureKey = signatureKey;
        }

        public uint Leaf { get; }

        /// <summary>The credential identity (basic credential) the member joined with.</summary>
        public byte[] Identity { get; }

        public byte[] SignatureKey { get; }
    }
}

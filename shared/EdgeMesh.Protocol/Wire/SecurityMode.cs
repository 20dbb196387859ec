namespace EdgeMesh.Protocol.Wire
{
    /// <summary>How a frame is authenticated; 2 bits on the wire (docs/wire-format.md §2.3).</summary>
    public enum SecurityMode : byte
    {
        /// <summary>No trailer. Development mode only.</summary>
        None = 0,

        /// <summary>A 16-byte truncated HMAC-SHA256 trailer keyed with the segment key (lightweight mode).</summary>
        Mac = 1,

        /// <summary>A 64-byte Ed25519 signature trailer by the originator (production mode).</summary>
        Signature = 2,
    }
}

using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Frames
{
    /// <summary>Settings of a <see cref="FrameVerifier"/>.</summary>
    public sealed class FrameVerifierOptions
    {
        /// <summary>Default allowed distance between a frame's timestamp and the receiver's clock.</summary>
        public const long DefaultMaxClockSkewMs = 30_000;

        /// <summary>Default number of verified messages remembered for duplicate detection.</summary>
        public const int DefaultVerifiedCacheCapacity = 4096;

        /// <summary>Authentication profile; <see cref="SecurityProfile.Production"/> by default.</summary>
        public SecurityProfile Profile { get; set; } = SecurityProfile.Production;

        /// <summary>Must be true for <see cref="SecurityProfile.Development"/> to start.</summary>
        public bool AllowDevelopment { get; set; }

        /// <summary>Frames whose timestamp differs from now by more than this are refused (default 30 s).</summary>
        public long MaxClockSkewMs { get; set; } = DefaultMaxClockSkewMs;

        /// <summary>Verified (sender, sequence) entries kept so duplicates skip verification (default 4096).</summary>
        public int VerifiedCacheCapacity { get; set; } = DefaultVerifiedCacheCapacity;

        /// <summary>Largest payload accepted (default: the wire maximum).</summary>
        public int MaxPayloadLength { get; set; } = WireFormat.MaxPayloadLength;
    }
}

namespace EdgeMesh.Protocol.Wire
{
    /// <summary>Constants of frame format v1. Section numbers refer to docs/wire-format.md.</summary>
    public static class WireFormat
    {
        /// <summary>Value of byte 0 for this format (§2.1).</summary>
        public const byte Version = 1;

        /// <summary>Length of the fixed header (§2).</summary>
        public const int HeaderLength = 38;

        /// <summary>Length of the MAC trailer, a truncated HMAC-SHA256 (§3).</summary>
        public const int MacLength = 16;

        /// <summary>Length of the Ed25519 signature trailer (§3).</summary>
        public const int SignatureLength = 64;

        /// <summary>Largest payload the 16-bit length field can declare (§2.11).</summary>
        public const int MaxPayloadLength = 65535;

        /// <summary>Largest hop limit and hop count (4 bits each, §2.4).</summary>
        public const int MaxHops = 15;

        /// <summary>Largest timestamp: 48 bits of milliseconds since the Unix epoch (§2.7).</summary>
        public const ulong MaxTimestampMs = 0xFFFFFFFFFFFFUL;

        /// <summary>Number of <see cref="FrameError"/> values, for counter arrays indexed by error.</summary>
        public const int FrameErrorCount = 20;

        // Byte offsets of the header fields (§2).
        internal const int OffsetVersion = 0;
        internal const int OffsetFlags = 1;
        internal const int OffsetKindSecurityPriority = 2;
        internal const int OffsetHops = 3;
        internal const int OffsetSender = 4;
        internal const int OffsetSequence = 12;
        internal const int OffsetTimestamp = 20;
        internal const int OffsetDestination = 26;
        internal const int OffsetPayloadType = 34;
        internal const int OffsetPayloadLength = 36;

        /// <summary>Length of the trailer that <paramref name="mode"/> carries; -1 for an undefined mode.</summary>
        public static int TrailerLength(SecurityMode mode)
        {
            switch (mode)
            {
                case SecurityMode.None: return 0;
                case SecurityMode.Mac: return MacLength;
                case SecurityMode.Signature: return SignatureLength;
                default: return -1;
            }
        }
    }
}

namespace EdgeMesh.Protocol.Wire
{
    /// <summary>
    /// The decoded fixed header of a v1 frame (docs/wire-format.md §2). A plain mutable value:
    /// encoders read it, decoders fill it, nothing is allocated.
    /// </summary>
    public struct FrameHeader
    {
        /// <summary>Flag bits, see <see cref="FrameFlags"/>.</summary>
        public byte Flags;

        /// <summary>What the frame is for.</summary>
        public FrameKind Kind;

        /// <summary>Which trailer follows the payload.</summary>
        public SecurityMode Security;

        /// <summary>Delivery class.</summary>
        public Priority Priority;

        /// <summary>Largest number of relays the frame may take (0..15).</summary>
        public byte HopLimit;

        /// <summary>Relays taken so far (0..<see cref="HopLimit"/>); the only field relays change.</summary>
        public byte HopCount;

        /// <summary>The originating node.</summary>
        public NodeId Sender;

        /// <summary>Per-sender message sequence; (sender, sequence) identifies a message.</summary>
        public ulong Sequence;

        /// <summary>Creation time, milliseconds since the Unix epoch (48 bits).</summary>
        public ulong TimestampMs;

        /// <summary>Topic id (<see cref="FrameKind.Publish"/>) or destination node id (other kinds).</summary>
        public ulong Destination;

        /// <summary>Payload type, see <see cref="Payloads.PayloadType"/>.</summary>
        public ushort PayloadType;

        /// <summary>Payload length in bytes.</summary>
        public int PayloadLength;

        /// <summary>Length of the authentication trailer for <see cref="Security"/>.</summary>
        public int TrailerLength
        {
            get { return WireFormat.TrailerLength(Security); }
        }

        /// <summary>Total encoded length: header, payload and trailer.</summary>
        public int FrameLength
        {
            get { return WireFormat.HeaderLength + PayloadLength + WireFormat.TrailerLength(Security); }
        }

        /// <summary>One-line description for logs, e.g. <c>Publish sender=0102030405060708 seq=1 ...</c>.</summary>
        public override string ToString()
        {
            return string.Concat(
                new string[]
                {
                    KindName(Kind), " sender=", Sender.ToString(), " seq=", Sequence.ToString(),
                    " dest=", Hex.FormatUInt64(Destination), " type=", PayloadType.ToString(),
                    " len=", PayloadLength.ToString(), " hops=", HopCount.ToString(), "/", HopLimit.ToString(),
                    " prio=", ((int)Priority).ToString(), " sec=", ((int)Security).ToString(), " flags=", Flags.ToString(),
                });
        }

        private static string KindName(FrameKind kind)
        {
            switch (kind)
            {
                case FrameKind.Publish: return "Publish";
                case FrameKind.Direct: return "Direct";
                case FrameKind.Ack: return "Ack";
                case FrameKind.Membership: return "Membership";
                case FrameKind.Beacon: return "Beacon";
                case FrameKind.Admission: return "Admission";
                default: return "Kind" + ((int)kind).ToString();
            }
        }

        /// <summary>True when the flag bit(s) in <paramref name="flag"/> are set.</summary>
        public bool HasFlag(byte flag)
        {
            return (Flags & flag) == flag;
        }
    }
}

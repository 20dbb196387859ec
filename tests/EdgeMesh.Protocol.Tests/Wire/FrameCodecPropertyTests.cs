using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Protocol.Tests.Wire
{
    public sealed class FrameCodecPropertyTests
    {
        internal static Gen<FrameHeader> Headers()
        {
            Gen<ulong> u64 = ArbMap.Default.GeneratorFor<ulong>();
            return from kind in Gen.Choose(0, 5)
                   from security in Gen.Choose(0, 2)
                   from priority in Gen.Choose(0, 3)
                   from flags in Gen.Choose(0, FrameFlags.DefinedMask)
                   from hopLimit in Gen.Choose(0, 15)
                   from hopCount in Gen.Choose(0, hopLimit)
                   from sender in u64
                   from sequence in u64
                   from timestamp in u64
                   from destination in u64
                   from payloadType in Gen.Choose(0, 0xFFFF)
                   from payloadLength in Gen.Choose(0, 290)
                   select new FrameHeader
                   {
                       Kind = (FrameKind)kind,
                       Security = (SecurityMode)security,
                       Priority = (Priority)priority,
                       Flags = (byte)flags,
                       HopLimit = (byte)hopLimit,
                       HopCount = (byte)hopCount,
                       Sender = new NodeId(sender),
                       Sequence = sequence,
                       TimestampMs = timestamp & WireFormat.MaxTimestampMs,
                       Destination = destination,
                       PayloadType = (ushort)payloadType,
                       PayloadLength = payloadLength,
                   };
        }

        [Fact]
        public void Every_valid_header_and_payload_round_trip()
        {
            Prop.ForAll(Headers().ToArbitrary(), ArbMap.Default.ArbFor<int>(), (header, seed) =>
            {
                byte[] payload = new byte[header.PayloadLength];
                new Random(seed).NextBytes(payload);
                byte[] buffer = new byte[400];
                FrameHeader input = header;
                if (FrameCodec.Encode(ref input, payload, 0, payload.Length, buffer, 3, 397, out int written) != FrameError.None)
                {
                    return false;
                }

                return FrameCodec.DecodeExact(buffer, 3, written, WireFormat.MaxPayloadLength, out FrameHeader decoded) == FrameError.None
                    && decoded.Equals(header)
                    && buffer.AsSpan(3 + WireFormat.HeaderLength, payload.Length).SequenceEqual(payload);
            }).QuickCheckThrowOnFailure();
        }
    }
}

using System.Linq;
using EdgeMesh.Messaging.Delivery;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Messaging.Tests.Wire
{
    public sealed class FragmentTests
    {
        private static readonly DmRequestId Id = new DmRequestId(0x0102030405060708, 0x090a0b0c0d0e0f10);
        private static readonly NodeId Sender = new NodeId(0xa1b2c3d4e5f60718);

        [Fact]
        public void The_fragment_header_has_the_documented_layout()
        {
            byte[] envelope = Envelope(1000);
            ReadOnlyMemory<byte>[] packets = FragmentHeader.Split(envelope, 400, Id, Sender);
            Assert.Equal(3, packets.Length);
            Assert.Equal(
                "454d444601000001" + "0003" + "0190" + "000003e8" + "0102030405060708090a0b0c0d0e0f10" + "a1b2c3d4e5f60718",
                Convert.ToHexStringLower(packets[1].Span.Slice(0, FragmentHeader.Length)));
            Assert.Equal(new[] { 440, 440, 240 }, packets.Select(p => p.Length).ToArray());
            Assert.Equal(envelope.AsSpan(400, 400).ToArray(), packets[1].Span.Slice(FragmentHeader.Length).ToArray());
        }

        [Fact]
        public void Property_any_arrival_order_with_duplicates_rebuilds_the_envelope_once()
        {
            var gen =
                from length in Gen.Choose(EnvelopeHeader.Overhead + EnvelopeHeader.MinCiphertextLength, EnvelopeHeader.MaxLength)
                from chunk in Gen.Choose(DmLimits.MinFragmentChunk, 5000)
                from seed in Gen.Choose(0, int.MaxValue)
                select (length, chunk, seed);
            Prop.ForAll(gen.ToArbitrary(), input =>
            {
                byte[] envelope = Envelope(input.length);
                ReadOnlyMemory<byte>[] packets = FragmentHeader.Split(envelope, input.chunk, Id, Sender);
                var random = new Random(input.seed);
                var order = packets.Concat(packets.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
                var reassembly = new Reassembly(4, 1 << 20, 60_000);
                int completions = 0;
                bool same = true;
                foreach (ReadOnlyMemory<byte> packet in order)
                {
                    if (FragmentHeader.TryParse(packet.Span, out FragmentHeader header) != DmRefusal.None
                        || reassembly.Add(header, packet.Span.Slice(FragmentHeader.Length), 0, out byte[]? rebuilt) != DmRefusal.None)
                    {
                        return false;
                    }

                    if (rebuilt != null)
                    {
                        completions++;
                        same &= rebuilt.AsSpan().SequenceEqual(envelope);
                    }
                }

                // Copies after completion start a new partial message, which times out unused.
                return same && completions >= 1 && packets.Length == (input.length + input.chunk - 1) / input.chunk;
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Inconsistent_headers_are_malformed()
        {
            byte[] packet = FragmentHeader.Split(Envelope(1000), 400, Id, Sender)[0].ToArray();
            Assert.Equal(DmRefusal.None, FragmentHeader.TryParse(packet, out _));
            Assert.Equal(DmRefusal.Malformed, Parse(packet, p => p[9] = 4)); // count does not match length / chunk
            Assert.Equal(DmRefusal.Malformed, Parse(packet, p => p[7] = 3)); // index beyond count
            Assert.Equal(DmRefusal.Malformed, Parse(packet, p => p[11] = 0x3f)); // chunk below 64
            Assert.Equal(DmRefusal.Malformed, Parse(packet, p => p[5] = 1)); // reserved
            Assert.Equal(DmRefusal.Malformed, Parse(packet, p => p.AsSpan(32, 8).Clear())); // empty sender
            Assert.Equal(DmRefusal.UnsupportedVersion, Parse(packet, p => p[4] = 9));
            Assert.Equal(DmRefusal.Malformed, FragmentHeader.TryParse(packet.AsSpan(0, packet.Length - 1), out _));
            Assert.Equal(DmRefusal.Malformed, FragmentHeader.TryParse(packet.AsSpan(0, 39), out _));
        }

        private static DmRefusal Parse(byte[] packet, Action<byte[]> change)
        {
            byte[] copy = (byte[])packet.Clone();
            change(copy);
            return FragmentHeader.TryParse(copy, out _);
        }

        internal static byte[] Envelope(int length)
        {
            byte[] envelope = new byte[length];
            new Random(length).NextBytes(envelope);
            return envelope;
        }
    }
}

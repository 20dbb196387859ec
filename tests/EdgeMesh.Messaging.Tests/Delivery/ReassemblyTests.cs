using EdgeMesh.Messaging.Delivery;
using EdgeMesh.Messaging.Tests.Wire;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Delivery
{
    public sealed class ReassemblyTests
    {
        private const int Length = 1000;

        [Fact]
        public void Partial_messages_time_out_and_are_counted()
        {
            var reassembly = new Reassembly(4, 1 << 20, 60_000);
            ReadOnlyMemory<byte>[] packets = Split(1);
            Assert.Null(Add(reassembly, packets[0], 0));
            Assert.Equal(1, reassembly.Count);
            Assert.Equal(Length, reassembly.Bytes);
            Assert.Equal(60_000, reassembly.NextExpiryMs);

            reassembly.Sweep(59_999);
            Assert.Equal(1, reassembly.Count);
            reassembly.Sweep(60_000);
            Assert.Equal(0, reassembly.Count);
            Assert.Equal(0, reassembly.Bytes);
            Assert.Equal(1, reassembly.Timeouts);
            Assert.Equal(long.MaxValue, reassembly.NextExpiryMs);
        }

        [Fact]
        public void Slots_and_bytes_are_bounded_by_evicting_the_least_recently_fed()
        {
            var reassembly = new Reassembly(2, 2_500, 60_000);
            Assert.Null(Add(reassembly, Split(1)[0], 0));
            Assert.Null(Add(reassembly, Split(2)[0], 1));
            Assert.Null(Add(reassembly, Split(3)[0], 2)); // a third slot: message 1 goes
            Assert.Equal(1, reassembly.Evictions);
            Assert.Equal(2, reassembly.Count);

            var bytes = new Reassembly(10, 2_500, 60_000);
            Add(bytes, Split(1)[0], 0);
            Add(bytes, Split(2)[0], 0);
            Add(bytes, Split(3)[0], 0); // 3 × 1000 bytes exceed 2500
            Assert.Equal(1, bytes.Evictions);
            Assert.Equal(2_000, bytes.Bytes);
        }

        [Fact]
        public void A_fragment_that_splits_the_message_differently_is_refused()
        {
            var reassembly = new Reassembly(4, 1 << 20, 60_000);
            Add(reassembly, Split(1)[0], 0);
            ReadOnlyMemory<byte> other = FragmentHeader.Split(FragmentTests.Envelope(Length), 500, new DmRequestId(0, 1), new NodeId(9))[1];
            Assert.Equal(DmRefusal.None, FragmentHeader.TryParse(other.Span, out FragmentHeader header));
            Assert.Equal(DmRefusal.FragmentMismatch, reassembly.Add(header, other.Span.Slice(FragmentHeader.Length), 1, out _));
        }

        [Fact]
        public void A_repeated_fragment_is_counted_and_ignored()
        {
            var reassembly = new Reassembly(4, 1 << 20, 60_000);
            ReadOnlyMemory<byte>[] packets = Split(1);
            Add(reassembly, packets[0], 0);
            Add(reassembly, packets[0], 1);
            Assert.Equal(1, reassembly.Duplicates);
            Add(reassembly, packets[1], 2);
            Assert.NotNull(Add(reassembly, packets[2], 3));
            Assert.Equal(0, reassembly.Count);
        }

        private static ReadOnlyMemory<byte>[] Split(ulong id)
        {
            return FragmentHeader.Split(FragmentTests.Envelope(Length), 400, new DmRequestId(0, id), new NodeId(9));
        }

        private static byte[]? Add(Reassembly reassembly, ReadOnlyMemory<byte> packet, long nowMs)
        {
            Assert.Equal(DmRefusal.None, FragmentHeader.TryParse(packet.Span, out FragmentHeader header));
            Assert.Equal(DmRefusal.None, reassembly.Add(header, packet.Span.Slice(FragmentHeader.Length), nowMs, out byte[]? envelope));
            return envelope;
        }
    }
}

using EdgeMesh.Messaging.Delivery;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Delivery
{
    public sealed class DedupeCacheTests
    {
        private static readonly NodeId Sender = new NodeId(7);

        [Fact]
        public void Outcomes_are_remembered_until_their_message_expires()
        {
            var cache = new DedupeCache(10);
            cache.Add(Sender, new DmRequestId(0, 1), 1_000, DmRejectReason.None, string.Empty);
            cache.Add(Sender, new DmRequestId(0, 2), 2_000, DmRejectReason.NotAllowed, "no");

            Assert.True(cache.TryGet(Sender, new DmRequestId(0, 2), out DmRejectReason reason, out string text));
            Assert.Equal(DmRejectReason.NotAllowed, reason);
            Assert.Equal("no", text);
            Assert.False(cache.TryGet(new NodeId(8), new DmRequestId(0, 2), out _, out _));
            Assert.Equal(1_000, cache.NextExpiryMs);

            cache.Sweep(999);
            Assert.Equal(2, cache.Count);
            cache.Sweep(1_000);
            Assert.False(cache.TryGet(Sender, new DmRequestId(0, 1), out _, out _));
            Assert.Equal(1, cache.Count);
            Assert.Equal(0, cache.Evictions);
            Assert.Equal(long.MinValue, cache.FloorMs);
        }

        [Fact]
        public void A_full_cache_evicts_the_entry_expiring_first_and_raises_the_floor()
        {
            var cache = new DedupeCache(2);
            cache.Add(Sender, new DmRequestId(0, 1), 5_000, DmRejectReason.None, string.Empty);
            cache.Add(Sender, new DmRequestId(0, 2), 3_000, DmRejectReason.None, string.Empty);
            cache.Add(Sender, new DmRequestId(0, 3), 9_000, DmRejectReason.None, string.Empty);

            Assert.Equal(1, cache.Evictions);
            Assert.Equal(3_000, cache.FloorMs);
            Assert.False(cache.TryGet(Sender, new DmRequestId(0, 2), out _, out _));
            Assert.True(cache.TryGet(Sender, new DmRequestId(0, 1), out _, out _));
            Assert.Equal(2, cache.Count);
        }
    }
}

using EdgeMesh.Protocol.Dedup;

namespace EdgeMesh.Protocol.Tests.Dedup
{
    public sealed class SeenMessageCacheTests
    {
        [Fact]
        public void Remembers_ids_and_refuses_to_add_them_twice()
        {
            var cache = new SeenMessageCache(64);
            Assert.True(cache.TryAdd(1, 1));
            Assert.False(cache.TryAdd(1, 1));
            Assert.True(cache.Contains(1, 1));
            Assert.False(cache.Contains(1, 2));
            Assert.False(cache.Contains(2, 1));
            Assert.Equal(1, cache.Count);
        }

        [Fact]
        public void Never_grows_past_capacity_and_counts_what_it_forgets()
        {
            var cache = new SeenMessageCache(1000);
            Assert.Equal(1024, cache.Capacity);
            for (ulong i = 0; i < 100_000; i++)
            {
                Assert.True(cache.TryAdd(i % 37, i));
            }

            Assert.Equal(1024, cache.Count);
            Assert.Equal(100_000 - 1024, cache.Evictions);

            // The most recent ids survive: eviction takes the oldest entry of a bucket.
            int recentHits = 0;
            for (ulong i = 100_000 - 256; i < 100_000; i++)
            {
                recentHits += cache.Contains(i % 37, i) ? 1 : 0;
            }

            Assert.True(recentHits > 240, "recent ids kept: " + recentHits);
        }
    }
}

using EdgeMesh.Security.Frames;

namespace EdgeMesh.Security.Tests.Frames
{
    public sealed class VerifiedFrameCacheTests
    {
        [Fact]
        public void Remembers_exact_messages_only()
        {
            var cache = new VerifiedFrameCache(16);
            cache.Add(1, 2, 3, 4);
            Assert.True(cache.Contains(1, 2, 3, 4));
            Assert.False(cache.Contains(1, 2, 3, 5)); // same (sender, sequence), different content
            Assert.False(cache.Contains(1, 3, 3, 4));
            cache.Add(1, 2, 9, 9); // re-adding a key replaces it without eviction
            Assert.True(cache.Contains(1, 2, 9, 9));
            Assert.Equal(0, cache.Evictions);
        }

        [Fact]
        public void Stays_within_capacity_and_counts_evictions()
        {
            var cache = new VerifiedFrameCache(64);
            Assert.Equal(64, cache.Capacity);
            for (ulong i = 0; i < 1000; i++)
            {
                cache.Add(7, i, i, i);
            }

            int held = 0;
            for (ulong i = 0; i < 1000; i++)
            {
                held += cache.Contains(7, i, i, i) ? 1 : 0;
            }

            Assert.True(held <= 64);
            Assert.Equal(1000 - held, cache.Evictions); // every add either filled a free way or evicted
            Assert.True(cache.Contains(7, 999, 999, 999)); // the newest entry is never the victim
        }
    }
}

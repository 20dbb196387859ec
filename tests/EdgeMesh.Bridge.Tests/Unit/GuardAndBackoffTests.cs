using System;
using EdgeMesh.Bridge.Connection;
using EdgeMesh.Bridge.Queue;

namespace EdgeMesh.Bridge.Tests.Unit
{
    public sealed class GuardAndBackoffTests
    {
        [Fact]
        public void Each_remembered_crossing_cancels_one_returning_copy()
        {
            var guard = new CrossingGuard(16, 1000);
            guard.Remember(7, 0);
            guard.Remember(7, 10);
            Assert.True(guard.TryConsume(7, 20));
            Assert.True(guard.TryConsume(7, 20));
            Assert.False(guard.TryConsume(7, 20));
            Assert.False(guard.TryConsume(8, 20));
        }

        [Fact]
        public void A_used_up_crossing_expiring_leaves_a_later_one_of_the_same_id()
        {
            var guard = new CrossingGuard(16, 1000);
            guard.Remember(7, 0);
            Assert.True(guard.TryConsume(7, 10));
            guard.Remember(7, 500);
            Assert.True(guard.TryConsume(7, 1200)); // the first entry expired at 1000; the second is still live
            Assert.False(guard.TryConsume(7, 1200));
        }

        [Fact]
        public void Crossings_expire_after_the_window()
        {
            var guard = new CrossingGuard(16, 1000);
            guard.Remember(7, 0);
            Assert.False(guard.TryConsume(7, 1000));
            Assert.Equal(0, guard.Count);
        }

        [Fact]
        public void The_guard_is_bounded_and_counts_what_it_forgets()
        {
            var guard = new CrossingGuard(4, 1_000_000);
            for (ulong i = 0; i < 10; i++)
            {
                guard.Remember(i, 0);
            }

            Assert.Equal(4, guard.Count);
            Assert.Equal(6, guard.Evicted);
            Assert.False(guard.TryConsume(0, 1));
            Assert.True(guard.TryConsume(9, 1));
        }

        [Fact]
        public void Backoff_doubles_to_its_ceiling_with_equal_jitter_and_resets()
        {
            double r = 0;
            var backoff = new ReconnectBackoff(100, 1000, () => r);
            Assert.Equal(50, backoff.NextDelayMs());
            Assert.Equal(100, backoff.NextDelayMs());
            Assert.Equal(200, backoff.NextDelayMs());
            Assert.Equal(400, backoff.NextDelayMs());
            Assert.Equal(500, backoff.NextDelayMs()); // ceiling 1000, half of it fixed
            r = 0.999999;
            Assert.Equal(999, backoff.NextDelayMs());
            backoff.Reset();
            Assert.Equal(99, backoff.NextDelayMs());
        }

        [Fact]
        public void Backoff_survives_a_broken_random_source()
        {
            var backoff = new ReconnectBackoff(100, 1000, () => double.NaN);
            Assert.Equal(50, backoff.NextDelayMs());
            var negative = new ReconnectBackoff(100, 1000, () => -5);
            Assert.Equal(50, negative.NextDelayMs());
            for (int i = 0; i < 100; i++)
            {
                Assert.InRange(negative.NextDelayMs(), 50, 1000);
            }
        }

        [Fact]
        public void Loop_checks_allocate_nothing_in_steady_state()
        {
            byte[] payload = new byte[64];
            var guard = new CrossingGuard(1024, 1_000_000);
            ulong sink = 0;
            for (int i = 0; i < 1000; i++)
            {
                sink ^= Fingerprint.Of("fleet/r1/telemetry", payload);
                _ = EdgeMesh.Bridge.Topics.TopicFilter.Matches("fleet/+/telemetry", "fleet/r1/telemetry");
                guard.Remember(sink, i);
                _ = guard.TryConsume(sink, i);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                sink ^= Fingerprint.Of("fleet/r1/telemetry", payload);
                _ = EdgeMesh.Bridge.Topics.TopicFilter.Matches("fleet/+/telemetry", "fleet/r1/telemetry");
                guard.Remember(sink, 1000 + i);
                _ = guard.TryConsume(sink, 1000 + i);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.NotEqual(0UL, sink | 1);
        }
    }
}

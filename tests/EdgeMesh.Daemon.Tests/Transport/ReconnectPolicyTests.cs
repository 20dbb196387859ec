using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Tests.Transport
{
    public sealed class ReconnectPolicyTests
    {
        private static ReconnectOptions NoJitter => new() { InitialDelayMs = 100, MaxDelayMs = 5_000, JitterFraction = 0, StableAfterMs = 10_000 };

        [Fact]
        public void DelaysDoubleUntilTheCap()
        {
            var policy = new ReconnectPolicy(NoJitter, new Random(1));
            long now = 1_000;
            var delays = new long[10];
            for (int i = 0; i < delays.Length; i++)
            {
                long next = policy.OnAttemptFailed(now);
                delays[i] = next - now;
                now = next;
            }

            Assert.Equal(new long[] { 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000 }, delays);
            Assert.Equal(10, policy.Failures);
        }

        [Fact]
        public void JitterStaysWithinItsFractionAndNeverPassesTheCap()
        {
            var options = NoJitter;
            options.JitterFraction = 0.2;
            var policy = new ReconnectPolicy(options, new Random(42));
            long now = 0;
            for (int i = 1; i <= 200; i++)
            {
                long delay = policy.OnAttemptFailed(now) - now;
                long expected = policy.BaseDelayMs(i);
                Assert.InRange(delay, (long)(expected * 0.8) - 1, Math.Min(options.MaxDelayMs, (long)(expected * 1.2) + 1));
                now += delay;
            }
        }

        [Fact]
        public void AStableConnectionResetsTheBackoffAndAFlappingOneDoesNot()
        {
            var policy = new ReconnectPolicy(NoJitter, new Random(1));
            long now = 0;
            for (int i = 0; i < 5; i++)
            {
                now = policy.OnAttemptFailed(now);
            }

            policy.OnConnected(now);
            long flap = policy.OnDisconnected(now + 50) - (now + 50);
            Assert.Equal(3200, flap); // 6th failure in a row: the short connection did not count as recovery

            now += 60_000;
            policy.OnConnected(now);
            now += 10_000;
            Assert.Equal(100, policy.OnDisconnected(now) - now);
            Assert.Equal(1, policy.Failures);
        }

        [Fact]
        public void RefusesNonsenseOptions()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(new ReconnectOptions { InitialDelayMs = 0 }, new Random()));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(new ReconnectOptions { InitialDelayMs = 10, MaxDelayMs = 5 }, new Random()));
            Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(new ReconnectOptions { JitterFraction = 1 }, new Random()));
        }
    }
}

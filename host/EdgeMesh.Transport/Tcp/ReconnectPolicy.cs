using System;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// Capped exponential backoff for one outbound connection, sans-IO: the caller reports attempts
    /// and connections with its clock reading and gets the time of the next attempt. Delay after the
    /// n-th consecutive failure: min(max, initial × 2ⁿ⁻¹) with ± jitter, never above the cap. Not thread-safe.
    /// </summary>
    public sealed class ReconnectPolicy
    {
        private readonly ReconnectOptions _options;
        private readonly Random _random;
        private long _connectedAtMs = -1;

        /// <summary>Creates a policy; <paramref name="random"/> draws the jitter (seed it in tests).</summary>
        public ReconnectPolicy(ReconnectOptions options, Random random)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(random);
            ArgumentOutOfRangeException.ThrowIfLessThan(options.InitialDelayMs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDelayMs, options.InitialDelayMs);
            if (options.JitterFraction < 0 || options.JitterFraction >= 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "JitterFraction must be in [0, 1)");
            }

            _options = options;
            _random = random;
        }

        /// <summary>Consecutive failures since the last stable connection.</summary>
        public int Failures { get; private set; }

        /// <summary>When the next attempt is due (0: at once).</summary>
        public long NextAttemptMs { get; private set; }

        /// <summary>An attempt failed at <paramref name="nowMs"/>; returns when to try again.</summary>
        public long OnAttemptFailed(long nowMs)
        {
            return Schedule(nowMs);
        }

        /// <summary>The connection came up at <paramref name="nowMs"/>.</summary>
        public void OnConnected(long nowMs)
        {
            _connectedAtMs = nowMs;
        }

        /// <summary>
        /// The connection went down at <paramref name="nowMs"/>; returns when to reconnect. A connection
        /// that lasted at least <see cref="ReconnectOptions.StableAfterMs"/> resets the backoff.
        /// </summary>
        public long OnDisconnected(long nowMs)
        {
            if (_connectedAtMs >= 0 && nowMs - _connectedAtMs >= _options.StableAfterMs)
            {
                Failures = 0;
            }

            _connectedAtMs = -1;
            return Schedule(nowMs);
        }

        /// <summary>The delay without jitter after <paramref name="failures"/> consecutive failures (≥ 1).</summary>
        public long BaseDelayMs(int failures)
        {
            int doublings = Math.Clamp(failures - 1, 0, 40);
            long delay = _options.InitialDelayMs;
            for (int i = 0; i < doublings && delay < _options.MaxDelayMs; i++)
            {
                delay *= 2;
            }

            return Math.Min(delay, _options.MaxDelayMs);
        }

        private long Schedule(long nowMs)
        {
            if (Failures < int.MaxValue)
            {
                Failures++;
            }

            long delay = BaseDelayMs(Failures);
            double jitter = ((_random.NextDouble() * 2) - 1) * _options.JitterFraction;
            delay = Math.Clamp((long)(delay * (1 + jitter)), 1, _options.MaxDelayMs);
            NextAttemptMs = nowMs + delay;
            return NextAttemptMs;
        }
    }
}

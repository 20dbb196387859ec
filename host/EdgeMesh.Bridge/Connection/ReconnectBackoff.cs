using System;

namespace EdgeMesh.Bridge.Connection
{
    /// <summary>
    /// Delay before the next connection attempt: doubling from the minimum up to the maximum, and
    /// "equal jitter" (half fixed, half random) so many gateways that lost the same broker do not all
    /// come back in the same instant. Sans-IO: the random source is injected, the caller waits.
    /// </summary>
    internal sealed class ReconnectBackoff
    {
        private readonly long _minMs;
        private readonly long _maxMs;
        private readonly Func<double> _unitRandom;
        private int _attempt;

        /// <param name="minMs">First delay.</param>
        /// <param name="maxMs">Ceiling.</param>
        /// <param name="unitRandom">Uniform values in [0, 1).</param>
        internal ReconnectBackoff(long minMs, long maxMs, Func<double> unitRandom)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(minMs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxMs, minMs);
            ArgumentNullException.ThrowIfNull(unitRandom);
            _minMs = minMs;
            _maxMs = maxMs;
            _unitRandom = unitRandom;
        }

        /// <summary>Failed attempts since the last success.</summary>
        internal int Attempt => _attempt;

        /// <summary>The delay before the next attempt, and one more failure counted.</summary>
        internal long NextDelayMs()
        {
            long ceiling = _minMs;
            for (int i = 0; i < _attempt && ceiling < _maxMs; i++)
            {
                ceiling *= 2;
            }

            ceiling = Math.Min(ceiling, _maxMs);
            if (_attempt < int.MaxValue)
            {
                _attempt++;
            }

            double r = _unitRandom();
            if (!(r >= 0 && r < 1))
            {
                r = 0; // a broken source must not produce a negative or endless delay
            }

            long half = ceiling / 2;
            return half + (long)((ceiling - half) * r);
        }

        /// <summary>Connected: the next failure starts from the minimum again.</summary>
        internal void Reset()
        {
            _attempt = 0;
        }
    }
}

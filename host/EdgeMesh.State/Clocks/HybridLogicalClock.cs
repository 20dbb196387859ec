using System;

namespace EdgeMesh.State.Clocks
{
    /// <summary>
    /// A node's hybrid logical clock. Sans-IO: the caller passes the wall time. Readings are
    /// strictly increasing even when the wall clock steps back; a remote reading more than
    /// <see cref="MaxDriftMs"/> ahead of the local wall clock is refused (counted) so one node with
    /// a wrong clock cannot drag every other node's clock into the future.
    /// </summary>
    public sealed class HybridLogicalClock
    {
        private long _wallMs;
        private uint _counter;

        /// <summary>A clock for <paramref name="node"/>.</summary>
        public HybridLogicalClock(ulong node, long maxDriftMs = 60_000)
        {
            if (node == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(node), "a node id is never zero");
            }

            ArgumentOutOfRangeException.ThrowIfNegative(maxDriftMs);
            Node = node;
            MaxDriftMs = maxDriftMs;
        }

        /// <summary>The node whose readings these are.</summary>
        public ulong Node { get; }

        /// <summary>Largest accepted lead of a remote reading over the local wall clock.</summary>
        public long MaxDriftMs { get; }

        /// <summary>Remote readings refused for being too far ahead.</summary>
        public long DriftRejections { get; private set; }

        /// <summary>The last reading issued or observed.</summary>
        public HybridTimestamp Last => new HybridTimestamp(_wallMs, _counter, Node);

        /// <summary>A new reading, later than every earlier one of this clock.</summary>
        public HybridTimestamp Now(long nowMs)
        {
            if (nowMs > _wallMs)
            {
                _wallMs = nowMs;
                _counter = 0;
            }
            else
            {
                Tick();
            }

            return new HybridTimestamp(_wallMs, _counter, Node);
        }

        /// <summary>
        /// Moves the clock past a remote reading so later local readings order after it. False (and
        /// the clock unchanged) when the reading leads the wall clock by more than <see cref="MaxDriftMs"/>.
        /// </summary>
        public bool Observe(HybridTimestamp remote, long nowMs)
        {
            if (remote.WallMs > nowMs + MaxDriftMs)
            {
                DriftRejections++;
                return false;
            }

            if (remote.WallMs > _wallMs)
            {
                _wallMs = remote.WallMs;
                _counter = remote.Counter;
            }
            else if (remote.WallMs == _wallMs && remote.Counter > _counter)
            {
                _counter = remote.Counter;
            }

            return true;
        }

        /// <summary>Restores the clock after a restart (from the latest reading found on disk).</summary>
        public void Restore(HybridTimestamp latest)
        {
            if (latest.WallMs > _wallMs || (latest.WallMs == _wallMs && latest.Counter > _counter))
            {
                _wallMs = latest.WallMs;
                _counter = latest.Counter;
            }
        }

        private void Tick()
        {
            if (_counter == uint.MaxValue)
            {
                // Four billion readings in one millisecond: borrow the next millisecond.
                _wallMs++;
                _counter = 0;
            }
            else
            {
                _counter++;
            }
        }
    }
}

using System;
using System.Collections.Generic;

namespace EdgeMesh.Bridge.Queue
{
    /// <summary>
    /// Remembers messages that just crossed the bridge (by their 64-bit fingerprint) so the copy that
    /// comes back is recognised: an outbound message echoed by a 3.1.1 broker (no No Local there), or
    /// an imported message the mesh hands back to the bridge's own subscription. Each remembered
    /// crossing cancels one returning copy. Bounded: at most <c>capacity</c> entries and
    /// <c>windowMs</c> of age; the oldest is evicted first and counted (<see cref="Evicted"/>).
    /// Sans-IO: the caller passes the time.
    /// </summary>
    internal sealed class CrossingGuard
    {
        private readonly Dictionary<ulong, int> _counts;

        // Crossings already used up whose queue entries have not expired yet: when such an entry
        // expires it must not take a live crossing of the same id with it.
        private readonly Dictionary<ulong, int> _consumed;
        private readonly Queue<(ulong Id, long ExpiresMs)> _order;
        private readonly int _capacity;
        private readonly long _windowMs;
        private readonly object _gate = new object();

        internal CrossingGuard(int capacity, long windowMs)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(windowMs, 1);
            _capacity = capacity;
            _windowMs = windowMs;
            _counts = new Dictionary<ulong, int>(Math.Min(capacity, 4096));
            _consumed = new Dictionary<ulong, int>(Math.Min(capacity, 4096));
            _order = new Queue<(ulong, long)>(Math.Min(capacity, 4096));
        }

        /// <summary>Crossings forgotten early because the guard was full (a late echo could then pass).</summary>
        internal long Evicted { get; private set; }

        internal int Count
        {
            get
            {
                lock (_gate)
                {
                    return _order.Count;
                }
            }
        }

        internal void Remember(ulong id, long nowMs)
        {
            lock (_gate)
            {
                Expire(nowMs);
                if (_order.Count >= _capacity)
                {
                    Forget(_order.Dequeue().Id);
                    Evicted++;
                }

                _order.Enqueue((id, nowMs + _windowMs));
                _counts.TryGetValue(id, out int n);
                _counts[id] = n + 1;
            }
        }

        /// <summary>True (and one remembered crossing used up) if <paramref name="id"/> is a returning copy.</summary>
        internal bool TryConsume(ulong id, long nowMs)
        {
            lock (_gate)
            {
                Expire(nowMs);
                if (!_counts.TryGetValue(id, out int n))
                {
                    return false;
                }

                Decrement(_counts, id, n);
                _consumed.TryGetValue(id, out int used);
                _consumed[id] = used + 1; // the oldest entry of this id is the one used up
                return true;
            }
        }

        private void Expire(long nowMs)
        {
            while (_order.Count > 0 && _order.Peek().ExpiresMs <= nowMs)
            {
                Forget(_order.Dequeue().Id);
            }
        }

        private void Forget(ulong id)
        {
            // Entries of one id leave the queue oldest first, and used-up ones are the oldest.
            if (_consumed.TryGetValue(id, out int used))
            {
                Decrement(_consumed, id, used);
            }
            else if (_counts.TryGetValue(id, out int n))
            {
                Decrement(_counts, id, n);
            }
        }

        private static void Decrement(Dictionary<ulong, int> table, ulong id, int n)
        {
            if (n <= 1)
            {
                table.Remove(id);
            }
            else
            {
                table[id] = n - 1;
            }
        }
    }
}

using System;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// Min-heap of pending timers ordered by due time, then by scheduling order (so equal deadlines
    /// fire in a fixed order and runs replay exactly). Cancelled timers are not removed: their owner
    /// ignores them when they fire. Every entry belongs to a bounded table (probe, suspects, missing
    /// messages, NEIGHBOR requests) or is one of the periodic timers, which bounds the heap.
    /// </summary>
    internal sealed class TimerQueue
    {
        private Entry[] heap = new Entry[64];
        private int count;
        private long order;

        internal int Count
        {
            get { return count; }
        }

        /// <summary>Due time of the earliest timer, or <see cref="long.MaxValue"/>.</summary>
        internal long NextDue
        {
            get { return count == 0 ? long.MaxValue : heap[0].Due; }
        }

        internal void Schedule(long due, TimerKind kind, ulong a, ulong b)
        {
            if (count == heap.Length)
            {
                Array.Resize(ref heap, heap.Length * 2);
            }

            var entry = new Entry { Due = due, Order = order++, Kind = kind, A = a, B = b };
            int i = count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Less(ref entry, ref heap[parent]))
                {
                    break;
                }

                heap[i] = heap[parent];
                i = parent;
            }

            heap[i] = entry;
        }

        /// <summary>The earliest timer without removing it; false when empty.</summary>
        internal bool TryPeek(out TimerKind kind, out ulong a, out ulong b)
        {
            if (count == 0)
            {
                kind = TimerKind.Probe;
                a = 0;
                b = 0;
                return false;
            }

            kind = heap[0].Kind;
            a = heap[0].A;
            b = heap[0].B;
            return true;
        }

        /// <summary>Removes the earliest timer (after <see cref="TryPeek"/> showed it is no longer wanted).</summary>
        internal void PopTop()
        {
            Entry last = heap[--count];
            heap[count] = default(Entry);
            if (count > 0)
            {
                SiftDown(last);
            }
        }

        /// <summary>Removes and returns the earliest timer if it is due at <paramref name="now"/>.</summary>
        internal bool TryPopDue(long now, out TimerKind kind, out ulong a, out ulong b)
        {
            if (count == 0 || heap[0].Due > now)
            {
                kind = TimerKind.Probe;
                a = 0;
                b = 0;
                return false;
            }

            Entry top = heap[0];
            kind = top.Kind;
            a = top.A;
            b = top.B;
            Entry last = heap[--count];
            heap[count] = default(Entry);
            if (count > 0)
            {
                SiftDown(last);
            }

            return true;
        }

        private static bool Less(ref Entry x, ref Entry y)
        {
            return x.Due < y.Due || (x.Due == y.Due && x.Order < y.Order);
        }

        private void SiftDown(Entry entry)
        {
            int i = 0;
            while (true)
            {
                int child = (2 * i) + 1;
                if (child >= count)
                {
                    break;
                }

                if (child + 1 < count && Less(ref heap[child + 1], ref heap[child]))
                {
                    child++;
                }

                if (!Less(ref heap[child], ref entry))
                {
                    break;
                }

                heap[i] = heap[child];
                i = child;
            }

            heap[i] = entry;
        }

        private struct Entry
        {
            public long Due;
            public long Order;
            public TimerKind Kind;
            public ulong A;
            public ulong B;
        }
    }
}

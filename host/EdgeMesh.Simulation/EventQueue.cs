using System;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// Binary min-heap of <see cref="SimEvent"/> ordered by time, then by scheduling order, so that
    /// equal-time events run in the order they were scheduled and every run replays exactly. The
    /// heap itself holds only reference-free keys (time, order, slot); event bodies, which carry a
    /// frame buffer, sit in a slot array and are written once and read once, so sifting never pays
    /// for GC write barriers.
    /// </summary>
    public sealed class EventQueue
    {
        private Key[] heap = new Key[1024];
        private SimEvent[] slots = new SimEvent[1024];
        private int[] freeSlots = new int[1024];
        private int freeCount;
        private int slotsUsed;
        private int count;
        private long order;

        /// <summary>Events waiting.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Adds an event (its <see cref="SimEvent.Order"/> is assigned here).</summary>
        public void Push(SimEvent e)
        {
            int slot = freeCount > 0 ? freeSlots[--freeCount] : NewSlot();
            e.Order = order++;
            slots[slot] = e;
            if (count == heap.Length)
            {
                Array.Resize(ref heap, heap.Length * 2);
            }

            var key = new Key { TimeUs = e.TimeUs, Order = e.Order, Slot = slot };
            int i = count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Less(ref key, ref heap[parent]))
                {
                    break;
                }

                heap[i] = heap[parent];
                i = parent;
            }

            heap[i] = key;
        }

        /// <summary>Time of the earliest event; <see cref="long.MaxValue"/> when empty.</summary>
        public long PeekTime()
        {
            return count == 0 ? long.MaxValue : heap[0].TimeUs;
        }

        /// <summary>Removes the earliest event.</summary>
        public bool TryPop(out SimEvent e)
        {
            if (count == 0)
            {
                e = default(SimEvent);
                return false;
            }

            int slot = heap[0].Slot;
            e = slots[slot];
            slots[slot] = default(SimEvent);
            if (freeCount == freeSlots.Length)
            {
                Array.Resize(ref freeSlots, freeSlots.Length * 2);
            }

            freeSlots[freeCount++] = slot;
            Key last = heap[--count];
            if (count > 0)
            {
                SiftDown(last);
            }

            return true;
        }

        private static bool Less(ref Key a, ref Key b)
        {
            return a.TimeUs < b.TimeUs || (a.TimeUs == b.TimeUs && a.Order < b.Order);
        }

        private int NewSlot()
        {
            if (slotsUsed == slots.Length)
            {
                Array.Resize(ref slots, slots.Length * 2);
            }

            return slotsUsed++;
        }

        private void SiftDown(Key last)
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

                if (!Less(ref heap[child], ref last))
                {
                    break;
                }

                heap[i] = heap[child];
                i = child;
            }

            heap[i] = last;
        }

        private struct Key
        {
            public long TimeUs;
            public long Order;
            public int Slot;
        }
    }
}

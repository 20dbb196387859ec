using System;

namespace EdgeMesh.Gossip
{
    /// <summary>
    /// A min-heap of items by due time, then by insertion order, so that equal deadlines come out in
    /// the order they were scheduled and runs replay exactly. The heap is 4-ary (half the levels of
    /// a binary heap; the four 16-byte keys of a node's children share a cache line) and holds only
    /// reference-free keys (due, order, slot); items sit in a slot array, written once and read once,
    /// so sifting pays no GC write barriers even when items carry references. Storage grows on demand; the owner bounds
    /// what it schedules. Not thread-safe.
    /// </summary>
    /// <typeparam name="T">The scheduled item.</typeparam>
    public sealed class DeadlineQueue<T>
    {
        private Key[] heap = new Key[16];
        private T[] slots = new T[16];
        private int[] freeSlots = new int[16];
        private int freeCount;
        private int slotsUsed;
        private int count;
        private uint order;

        // A copy of the earliest item: owners peek after every call they make (is anything due?),
        // and this answers from the queue object alone, without the heap and slot arrays.
        private long topDue = long.MaxValue;
        private T topItem = default!;

        /// <summary>Creates an empty queue.</summary>
        public DeadlineQueue()
        {
        }

        /// <summary>Creates an empty queue whose insertion counter starts at <paramref name="firstOrder"/> (tests of the counter's wrap).</summary>
        internal DeadlineQueue(uint firstOrder)
        {
            order = firstOrder;
        }

        /// <summary>Items waiting.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Due time of the earliest item, or <see cref="long.MaxValue"/> when empty.</summary>
        public long NextDue
        {
            get { return topDue; }
        }

        /// <summary>Schedules <paramref name="item"/> for <paramref name="due"/>.</summary>
        public void Push(long due, T item)
        {
            int slot;
            if (freeCount > 0)
            {
                slot = freeSlots[--freeCount];
            }
            else
            {
                if (slotsUsed == slots.Length)
                {
                    Array.Resize(ref slots, slots.Length * 2);
                }

                slot = slotsUsed++;
            }

            slots[slot] = item;
            if (count == heap.Length)
            {
                Array.Resize(ref heap, heap.Length * 2);
            }

            if (order == uint.MaxValue)
            {
                Renumber();
            }

            var key = new Key { Due = due, Order = order++, Slot = slot };
            int i = count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 2;
                if (!Less(ref key, ref heap[parent]))
                {
                    break;
                }

                heap[i] = heap[parent];
                i = parent;
            }

            heap[i] = key;
            if (i == 0)
            {
                topDue = due;
                topItem = item;
            }
        }

        /// <summary>The earliest item without removing it.</summary>
        public bool TryPeek(out long due, out T item)
        {
            if (count == 0)
            {
                due = long.MaxValue;
                item = default!;
                return false;
            }

            due = topDue;
            item = topItem;
            return true;
        }

        /// <summary>Removes the earliest item.</summary>
        public bool TryPop(out long due, out T item)
        {
            if (!TryPeek(out due, out item))
            {
                return false;
            }

            int slot = heap[0].Slot;
            slots[slot] = default!;
            if (freeCount == freeSlots.Length)
            {
                Array.Resize(ref freeSlots, freeSlots.Length * 2);
            }

            freeSlots[freeCount++] = slot;
            Key last = heap[--count];
            if (count > 0)
            {
                SiftDown(last);
                topDue = heap[0].Due;
                topItem = slots[heap[0].Slot];
            }
            else
            {
                topDue = long.MaxValue;
                topItem = default!;
            }

            return true;
        }

        /// <summary>Removes the earliest item if it is due at <paramref name="now"/>.</summary>
        public bool TryPopDue(long now, out T item)
        {
            if (count == 0 || topDue > now)
            {
                item = default!;
                return false;
            }

            return TryPop(out _, out item);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool Less(ref Key a, ref Key b)
        {
            return a.Due < b.Due || (a.Due == b.Due && a.Order < b.Order);
        }

        /// <summary>
        /// The insertion counter is 32 bits so that a key is 16 bytes and four siblings share a cache
        /// line. Before it wraps, the waiting keys are sorted (a sorted array is a valid heap) and
        /// numbered again from 0 in the same order: once per 4 billion pushes.
        /// </summary>
        private void Renumber()
        {
            Array.Sort(heap, 0, count, KeyOrder.Instance);
            for (int i = 0; i < count; i++)
            {
                heap[i].Order = (uint)i;
            }

            order = (uint)count;
        }

        /// <summary>
        /// Refills the root from <paramref name="last"/>, the former bottom item. Bottom-up: the hole
        /// first moves to a leaf along the smaller children (three comparisons a level instead of
        /// four), then <paramref name="last"/>, usually one of the latest items, rises the few levels
        /// it must. Keys are unique (insertion order breaks ties), so the order items leave in is the
        /// same as with a classic sift-down.
        /// </summary>
        private void SiftDown(Key last)
        {
            Key[] h = heap;
            int n = count;
            int i = 0;
            while (true)
            {
                int first = (4 * i) + 1;
                if (first >= n)
                {
                    break;
                }

                int child = first;
                int end = Math.Min(first + 4, n);
                for (int c = first + 1; c < end; c++)
                {
                    if (Less(ref h[c], ref h[child]))
                    {
                        child = c;
                    }
                }

                h[i] = h[child];
                i = child;
            }

            while (i > 0)
            {
                int parent = (i - 1) >> 2;
                if (!Less(ref last, ref h[parent]))
                {
                    break;
                }

                h[i] = h[parent];
                i = parent;
            }

            h[i] = last;
        }

        private struct Key
        {
            public long Due;
            public uint Order;
            public int Slot;
        }

        private sealed class KeyOrder : System.Collections.Generic.IComparer<Key>
        {
            internal static readonly KeyOrder Instance = new KeyOrder();

            public int Compare(Key x, Key y)
            {
                return Less(ref x, ref y) ? -1 : Less(ref y, ref x) ? 1 : 0;
            }
        }
    }
}

using System;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// A first-in first-out ring holding at most <see cref="Capacity"/> items. Storage grows by
    /// doubling up to the capacity, so a node that sees little traffic keeps little memory.
    /// </summary>
    internal sealed class FifoRing<T>
    {
        private T[] items;
        private int head;
        private int count;

        internal FifoRing(int capacity)
        {
            Capacity = capacity;
            items = new T[Math.Min(capacity, 16)];
        }

        internal int Capacity { get; }

        internal int Count
        {
            get { return count; }
        }

        internal bool IsFull
        {
            get { return count == Capacity; }
        }

        /// <summary>Appends; the caller removes the oldest first when <see cref="IsFull"/>.</summary>
        internal void Enqueue(T item)
        {
            if (count == items.Length)
            {
                var bigger = new T[Math.Min(Capacity, items.Length * 2)];
                for (int i = 0; i < count; i++)
                {
                    bigger[i] = items[(head + i) % items.Length];
                }

                items = bigger;
                head = 0;
            }

            items[RingIndex.Wrap(head + count, items.Length)] = item;
            count++;
        }

        /// <summary>The item <paramref name="index"/> places before the newest (0 is the newest).</summary>
        internal T FromNewest(int index)
        {
            return items[RingIndex.Wrap(head + count - 1 - index, items.Length)];
        }

        internal T Dequeue()
        {
            T item = items[head];
            items[head] = default!;
            head = RingIndex.Wrap(head + 1, items.Length);
            count--;
            return item;
        }
    }
}

using System;
using System.Collections.Generic;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>A set that remembers at most a fixed number of keys, forgetting the oldest first.</summary>
    internal sealed class BoundedSet<T>
        where T : IEquatable<T>
    {
        private readonly HashSet<T> set = new HashSet<T>();
        private readonly FifoRing<T> order;

        internal BoundedSet(int capacity)
        {
            order = new FifoRing<T>(capacity);
        }

        internal int Count
        {
            get { return order.Count; }
        }

        internal bool Contains(T key)
        {
            return set.Contains(key);
        }

        /// <summary>Adds the key; false when it was already present. <paramref name="evicted"/> tells whether an old key was forgotten.</summary>
        internal bool Add(T key, out bool evicted)
        {
            evicted = false;
            if (!set.Add(key))
            {
                return false;
            }

            if (order.IsFull)
            {
                set.Remove(order.Dequeue());
                evicted = true;
            }

            order.Enqueue(key);
            return true;
        }
    }
}

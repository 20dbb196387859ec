using System;
using System.Diagnostics.CodeAnalysis;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// A hash table from 64-bit ids (node ids, topic ids) to objects, for the lookups the broadcast
    /// layer makes on every frame. Open addressing with linear probing over one array of key-value
    /// slots (a Dictionary walks a bucket array, then an entry array; a struct slot also spares the
    /// covariance check of storing into an object array), Fibonacci hashing, and backward-shift
    /// deletion, so no tombstones pile up. Grows by doubling at half load and never shrinks: owners
    /// bound what they add. Slot order, and so <see cref="ValueAt"/> iteration, depends only on the
    /// keys and the order of operations, which keeps simulated runs replayable. Not thread-safe.
    /// </summary>
    /// <typeparam name="T">The value; null marks an empty slot, so values are never null.</typeparam>
    internal sealed class IdTable<T>
        where T : class
    {
        private const ulong Golden = 0x9E3779B97F4A7C15UL;
        private Slot[] slots = new Slot[8];
        private int shift = 64 - 3;
        private int count;

        internal int Count
        {
            get { return count; }
        }

        /// <summary>Number of slots, for iteration with <see cref="ValueAt"/>.</summary>
        internal int SlotCount
        {
            get { return slots.Length; }
        }

        /// <summary>The value in slot <paramref name="slot"/>, or null when the slot is empty.</summary>
        internal T? ValueAt(int slot)
        {
            return slots[slot].Value;
        }

        internal bool TryGetValue(ulong key, [MaybeNullWhen(false)] out T value)
        {
            value = slots[Find(key)].Value!;
            return value != null;
        }

        /// <summary>Adds or replaces the value of <paramref name="key"/>.</summary>
        internal void Set(ulong key, T value)
        {
            ArgumentNullException.ThrowIfNull(value);
            if ((count + 1) * 2 > slots.Length)
            {
                Grow();
            }

            int i = Find(key);
            if (slots[i].Value == null)
            {
                count++;
            }

            slots[i].Key = key;
            slots[i].Value = value;
        }

        internal bool Remove(ulong key)
        {
            int i = Find(key);
            if (slots[i].Value == null)
            {
                return false;
            }

            slots[i] = default(Slot);
            count--;
            int mask = slots.Length - 1;
            for (int j = (i + 1) & mask; slots[j].Value != null; j = (j + 1) & mask)
            {
                if (!ProbeRun.Stays(i, j, Home(slots[j].Key)))
                {
                    slots[i] = slots[j];
                    slots[j] = default(Slot);
                    i = j;
                }
            }

            return true;
        }

        /// <summary>The slot holding <paramref name="key"/>, or the empty slot that ends its probe run.</summary>
        private int Find(ulong key)
        {
            Slot[] s = slots;
            int mask = s.Length - 1;
            int i = Home(key);
            while (s[i].Value != null && s[i].Key != key)
            {
                i = (i + 1) & mask;
            }

            return i;
        }

        private int Home(ulong key)
        {
            return (int)((key * Golden) >> shift);
        }

        private void Grow()
        {
            Slot[] old = slots;
            slots = new Slot[old.Length * 2];
            shift--;
            count = 0;
            for (int s = 0; s < old.Length; s++)
            {
                if (old[s].Value != null)
                {
                    Set(old[s].Key, old[s].Value!);
                }
            }
        }

        private struct Slot
        {
            public ulong Key;
            public T? Value;
        }
    }
}

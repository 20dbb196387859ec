using System;
using System.Diagnostics.CodeAnalysis;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// A hash table from 64-bit ids (node ids, topic ids) to objects, for the lookups the broadcast
    /// layer makes on every frame. Open addressing with linear probing over one array of key-value
    /// slots (a Dictionary walks a bucket array, then an entry array; a struct slot also spares the
    /// covariance check of storing into an object array), Fibonacci hashing, and
    /// backward-shift deletion, so no tombstones pile up. Grows by doubling at half load and never
    /// shrinks: owners bound what they add. Slot order, and so <see cref="ValueAt"/> iteration, depends
    /// only on the keys and the order of operations, which keeps simulated runs replayable.
    /// Not thread-safe.
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

        /// <summary>The key in slot <paramref name="slot"/> (meaningful only when <see cref="ValueAt"/> is not null).</summary>
        internal ulong KeyAt(int slot)
        {
            return slots[slot].Key;
        }

        internal bool TryGetValue(ulong key, [MaybeNullWhen(false)] out T value)
        {
            Slot[] s = slots;
            int mask = s.Length - 1;
            for (int i = Home(key); ; i = (i + 1) & mask)
            {
                T? v = s[i].Value;
                if (v == null || s[i].Key == key)
                {
                    value = v!;
                    return v != null;
                }
            }
        }

        internal bool ContainsKey(ulong key)
        {
            return TryGetValue(key, out _);
        }

        /// <summary>Adds or replaces the value of <paramref name="key"/>.</summary>
        internal void Set(ulong key, T value)
        {
            ArgumentNullException.ThrowIfNull(value);
            if ((count + 1) * 2 > slots.Length)
            {
                Grow();
            }

            int mask = slots.Length - 1;
            int i = Home(key);
            while (slots[i].Value != null && slots[i].Key != key)
            {
                i = (i + 1) & mask;
            }

            if (slots[i].Value == null)
            {
                count++;
            }

            slots[i].Key = key;
            slots[i].Value = value;
        }

        internal bool Remove(ulong key)
        {
            return Remove(key, out _);
        }

        internal bool Remove(ulong key, [MaybeNullWhen(false)] out T removed)
        {
            int mask = slots.Length - 1;
            int i = Home(key);
            while (true)
            {
                removed = slots[i].Value!;
                if (removed == null)
                {
                    return false;
                }

                if (slots[i].Key == key)
                {
                    break;
                }

                i = (i + 1) & mask;
            }

            // Backward-shift: pull later members of the probe run into the hole unless their home
            // lies cyclically after the hole, so lookups never need tombstones.
            slots[i] = default(Slot);
            count--;
            for (int j = (i + 1) & mask; slots[j].Value != null; j = (j + 1) & mask)
            {
                int home = Home(slots[j].Key);
                bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
                if (!stays)
                {
                    slots[i] = slots[j];
                    slots[j] = default(Slot);
                    i = j;
                }
            }

            return true;
        }

        internal void Clear()
        {
            Array.Clear(slots);
            count = 0;
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

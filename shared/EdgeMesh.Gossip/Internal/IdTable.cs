using System;
using System.Diagnostics.CodeAnalysis;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// A hash table from 64-bit ids (node ids, topic ids) to objects, for the lookups the broadcast
    /// layer makes on every frame. Open addressing with linear probing over one key array and one
    /// value array (a Dictionary walks a bucket array, then an entry array), Fibonacci hashing, and
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
        private ulong[] keys;
        private T?[] values;
        private int shift;
        private int count;

        internal IdTable()
        {
            keys = new ulong[8];
            values = new T?[8];
            shift = 64 - 3;
        }

        internal int Count
        {
            get { return count; }
        }

        /// <summary>Number of slots, for iteration with <see cref="ValueAt"/>.</summary>
        internal int SlotCount
        {
            get { return values.Length; }
        }

        /// <summary>The value in slot <paramref name="slot"/>, or null when the slot is empty.</summary>
        internal T? ValueAt(int slot)
        {
            return values[slot];
        }

        /// <summary>The key in slot <paramref name="slot"/> (meaningful only when <see cref="ValueAt"/> is not null).</summary>
        internal ulong KeyAt(int slot)
        {
            return keys[slot];
        }

        internal bool TryGetValue(ulong key, [MaybeNullWhen(false)] out T value)
        {
            int mask = values.Length - 1;
            for (int i = Home(key); ; i = (i + 1) & mask)
            {
                T? v = values[i];
                if (v == null || keys[i] == key)
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
            if ((count + 1) * 2 > values.Length)
            {
                Grow();
            }

            int mask = values.Length - 1;
            int i = Home(key);
            while (values[i] != null && keys[i] != key)
            {
                i = (i + 1) & mask;
            }

            if (values[i] == null)
            {
                count++;
            }

            keys[i] = key;
            values[i] = value;
        }

        internal bool Remove(ulong key)
        {
            return Remove(key, out _);
        }

        internal bool Remove(ulong key, [MaybeNullWhen(false)] out T removed)
        {
            int mask = values.Length - 1;
            int i = Home(key);
            while (true)
            {
                removed = values[i]!;
                if (removed == null)
                {
                    return false;
                }

                if (keys[i] == key)
                {
                    break;
                }

                i = (i + 1) & mask;
            }

            // Backward-shift: pull later members of the probe run into the hole unless their home
            // lies cyclically after the hole, so lookups never need tombstones.
            values[i] = null;
            count--;
            for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask)
            {
                int home = Home(keys[j]);
                bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
                if (!stays)
                {
                    keys[i] = keys[j];
                    values[i] = values[j];
                    values[j] = null;
                    i = j;
                }
            }

            return true;
        }

        internal void Clear()
        {
            Array.Clear(values);
            count = 0;
        }

        private int Home(ulong key)
        {
            return (int)((key * Golden) >> shift);
        }

        private void Grow()
        {
            ulong[] oldKeys = keys;
            T?[] oldValues = values;
            keys = new ulong[oldKeys.Length * 2];
            values = new T?[oldValues.Length * 2];
            shift--;
            count = 0;
            for (int s = 0; s < oldValues.Length; s++)
            {
                if (oldValues[s] != null)
                {
                    Set(oldKeys[s], oldValues[s]!);
                }
            }
        }
    }
}

using System;
using System.Diagnostics.CodeAnalysis;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// A hash table from <see cref="MessageId"/> to a value, for the lookups every GOSSIP and IHAVE
    /// frame makes. Linear probing runs over a dense array of 8-byte hash tags (0 marks an empty
    /// slot), so a miss, the common case for a new message, usually reads one cache line; key and
    /// value sit side by side in a parallel slot array read only on a tag match. Deletion shifts
    /// later members of the run back, so no tombstones pile up. Grows by doubling at half load and
    /// never shrinks: owners bound what they add. Not thread-safe.
    /// </summary>
    /// <typeparam name="T">The value.</typeparam>
    internal sealed class MessageIdTable<T>
    {
        private ulong[] tags;
        private Slot[] slots;
        private int shift;
        private int count;

        /// <summary>Creates a table sized for <paramref name="expected"/> keys without growing.</summary>
        internal MessageIdTable(int expected = 4)
        {
            int size = 8;
            shift = 64 - 3;
            while (size < expected * 2)
            {
                size *= 2;
                shift--;
            }

            tags = new ulong[size];
            slots = new Slot[size];
        }

        internal int Count
        {
            get { return count; }
        }

        internal bool ContainsKey(MessageId key)
        {
            return tags[Find(key, Tag(key))] != 0;
        }

        internal bool TryGetValue(MessageId key, [MaybeNullWhen(false)] out T value)
        {
            int i = Find(key, Tag(key));
            value = tags[i] != 0 ? slots[i].Value : default!;
            return tags[i] != 0;
        }

        /// <summary>Adds or replaces the value of <paramref name="key"/>.</summary>
        internal void Set(MessageId key, T value)
        {
            if ((count + 1) * 2 > slots.Length)
            {
                Grow();
            }

            ulong tag = Tag(key);
            int i = Find(key, tag);
            if (tags[i] == 0)
            {
                count++;
            }

            tags[i] = tag;
            slots[i] = new Slot { Key = key, Value = value };
        }

        internal bool Remove(MessageId key)
        {
            return Remove(key, out _);
        }

        internal bool Remove(MessageId key, [MaybeNullWhen(false)] out T removed)
        {
            int i = Find(key, Tag(key));
            if (tags[i] == 0)
            {
                removed = default!;
                return false;
            }

            removed = slots[i].Value;
            tags[i] = 0;
            slots[i] = default(Slot);
            count--;
            int mask = tags.Length - 1;
            for (int j = (i + 1) & mask; tags[j] != 0; j = (j + 1) & mask)
            {
                if (!ProbeRun.Stays(i, j, Home(tags[j])))
                {
                    tags[i] = tags[j];
                    slots[i] = slots[j];
                    tags[j] = 0;
                    slots[j] = default(Slot);
                    i = j;
                }
            }

            return true;
        }

        private static ulong Tag(MessageId key)
        {
            ulong h = ((key.Origin.Value * 0x9E3779B97F4A7C15UL) ^ key.Sequence) * 0xBF58476D1CE4E5B9UL;
            return h | 1;
        }

        /// <summary>The slot holding <paramref name="key"/>, or the empty slot (tag 0) that ends its probe run.</summary>
        private int Find(MessageId key, ulong tag)
        {
            int mask = tags.Length - 1;
            int i = Home(tag);
            while (tags[i] != 0 && (tags[i] != tag || slots[i].Key != key))
            {
                i = (i + 1) & mask;
            }

            return i;
        }

        private int Home(ulong tag)
        {
            return (int)(tag >> shift);
        }

        private void Grow()
        {
            ulong[] oldTags = tags;
            Slot[] old = slots;
            tags = new ulong[oldTags.Length * 2];
            slots = new Slot[old.Length * 2];
            shift--;
            count = 0;
            for (int s = 0; s < old.Length; s++)
            {
                if (oldTags[s] != 0)
                {
                    Set(old[s].Key, old[s].Value);
                }
            }
        }

        private struct Slot
        {
            public MessageId Key;
            public T Value;
        }
    }
}

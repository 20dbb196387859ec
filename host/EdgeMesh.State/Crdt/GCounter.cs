using System.Collections.Generic;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>A grow-only counter: one slot per node, merged by maximum; the value is the sum.</summary>
    public sealed class GCounter : IDeltaCrdt<GCounter>
    {
        private readonly SortedDictionary<ulong, ulong> _slots = new SortedDictionary<ulong, ulong>();

        /// <inheritdoc />
        public bool IsEmpty => _slots.Count == 0;

        /// <summary>The sum of all slots (wraps at 2^64).</summary>
        public ulong Value
        {
            get
            {
                ulong sum = 0;
                foreach (ulong v in _slots.Values)
                {
                    sum = unchecked(sum + v);
                }

                return sum;
            }
        }

        /// <summary>The slot of one node.</summary>
        public ulong SlotOf(ulong node)
        {
            return _slots.TryGetValue(node, out ulong v) ? v : 0;
        }

        /// <summary>Adds <paramref name="amount"/> to <paramref name="node"/>'s slot; returns the delta (that slot alone).</summary>
        public GCounter Increment(ulong node, ulong amount)
        {
            var delta = new GCounter();
            if (amount == 0)
            {
                return delta;
            }

            ulong next = checked(SlotOf(node) + amount);
            delta._slots[node] = next;
            MergeFrom(delta);
            return delta;
        }

        /// <inheritdoc />
        public bool MergeFrom(GCounter other)
        {
            bool changed = false;
            foreach (KeyValuePair<ulong, ulong> slot in other._slots)
            {
                if (!_slots.TryGetValue(slot.Key, out ulong mine) || slot.Value > mine)
                {
                    _slots[slot.Key] = slot.Value;
                    changed = true;
                }
            }

            return changed;
        }

        /// <inheritdoc />
        public GCounter Clone()
        {
            var copy = new GCounter();
            copy.MergeFrom(this);
            return copy;
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.GCounter);
            WriteSlots(writer);
        }

        /// <inheritdoc />
        public static GCounter CreateEmpty()
        {
            return new GCounter();
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out GCounter? value)
        {
            value = null;
            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.GCounter);
            return error != StateError.None ? error : TryReadSlots(ref reader, out value);
        }

        internal void WriteSlots(StateWriter writer)
        {
            writer.WriteVarint((ulong)_slots.Count);
            foreach (KeyValuePair<ulong, ulong> slot in _slots)
            {
                writer.WriteUInt64(slot.Key);
                writer.WriteVarint(slot.Value);
            }
        }

        internal static StateError TryReadSlots(ref StateReader reader, out GCounter? value)
        {
            value = null;
            var result = new GCounter();
            StateError error = reader.ReadCount(StateLimits.MaxEntries, 9, out int count);
            ulong previous = 0;
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = reader.ReadNode(out ulong node);
                if (error == StateError.None)
                {
                    error = reader.ReadVarint(out ulong slot);
                    if (error == StateError.None)
                    {
                        // A zero slot and a missing slot are the same state: only the shorter form is valid.
                        error = slot == 0 || (i > 0 && node <= previous) ? StateError.NotCanonical : StateError.None;
                        result._slots[node] = slot;
                        previous = node;
                    }
                }
            }

            if (error == StateError.None)
            {
                value = result;
            }

            return error;
        }
    }
}

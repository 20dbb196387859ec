using System;
using System.Collections.Generic;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// An observed-remove map whose values are CRDTs. Each update of a key is a new dot carrying the
    /// key's whole merged value after the update and replacing the key's dots it has seen; a key's
    /// value is the merge of the values under its live dots, so concurrent updates combine by the
    /// value type's own merge. A removal takes away the dots it has seen: an update concurrent with a
    /// removal keeps the key, with the updater's view of the value (add-wins).
    /// </summary>
    /// <typeparam name="TValue">The value CRDT.</typeparam>
    public sealed class ORMap<TValue> : IDeltaCrdt<ORMap<TValue>>
        where TValue : class, IDeltaCrdt<TValue>
    {
        private static readonly PayloadReader<MapSlot<TValue>> ReadSlot = ReadSlotPayload;
        private readonly DotKernel<MapSlot<TValue>> _kernel;

        private ORMap(DotKernel<MapSlot<TValue>> kernel)
        {
            _kernel = kernel;
        }

        /// <inheritdoc />
        public bool IsEmpty => _kernel.IsEmpty;

        /// <summary>The keys present, sorted ordinally.</summary>
        public IReadOnlyList<string> Keys
        {
            get
            {
                var keys = new SortedSet<string>(StringComparer.Ordinal);
                foreach (MapSlot<TValue> slot in _kernel.Entries.Values)
                {
                    keys.Add(slot.Key);
                }

                return new List<string>(keys);
            }
        }

        /// <summary>The value of <paramref name="key"/> (a copy); false when the key is absent.</summary>
        public bool TryGet(string key, out TValue? value)
        {
            value = null;
            foreach (MapSlot<TValue> slot in _kernel.Entries.Values)
            {
                if (string.Equals(slot.Key, key, StringComparison.Ordinal))
                {
                    if (value == null)
                    {
                        value = slot.Value.Clone();
                    }
                    else
                    {
                        value.MergeFrom(slot.Value);
                    }
                }
            }

            return value != null;
        }

        /// <summary>
        /// Updates the value of <paramref name="key"/> at <paramref name="node"/>: <paramref name="mutate"/>
        /// gets the current value (empty for a new key) to change through its own mutators. Returns the map delta.
        /// </summary>
        public ORMap<TValue> Update(ulong node, string key, Action<TValue> mutate)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(mutate);
            TValue value = TryGet(key, out TValue? current) ? current! : TValue.CreateEmpty();
            mutate(value);
            var slot = new MapSlot<TValue>(key, value);
            var delta = new ORMap<TValue>(DotKernel<MapSlot<TValue>>.Write(_kernel.Context.Next(node), slot, DotsOf(key)));
            MergeFrom(delta);
            return delta;
        }

        /// <summary>Removes <paramref name="key"/> as seen here; returns the delta.</summary>
        public ORMap<TValue> Remove(string key)
        {
            var delta = new ORMap<TValue>(DotKernel<MapSlot<TValue>>.Remove(DotsOf(key)));
            MergeFrom(delta);
            return delta;
        }

        /// <inheritdoc />
        public bool MergeFrom(ORMap<TValue> other)
        {
            return _kernel.MergeFrom(other._kernel);
        }

        /// <inheritdoc />
        public ORMap<TValue> Clone()
        {
            // Slot values are never changed after their dot is created, so copies may share them.
            return new ORMap<TValue>(_kernel.Clone(s => s));
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.ORMap);
            _kernel.WriteTo(writer, (w, s) =>
            {
                w.WriteKey(s.Key);
                s.Value.WriteTo(w);
            });
        }

#pragma warning disable CA1000 // these implement IDeltaCrdt's static members, reached through the type parameter
        /// <inheritdoc />
        public static ORMap<TValue> CreateEmpty()
        {
            return new ORMap<TValue>(new DotKernel<MapSlot<TValue>>());
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out ORMap<TValue>? value)
        {
            value = null;
            if (reader.Depth >= StateLimits.MaxDepth)
            {
                return StateError.LimitExceeded;
            }

            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.ORMap);
            DotKernel<MapSlot<TValue>>? kernel = null;
            if (error == StateError.None)
            {
                reader.Depth++;
                error = DotKernel<MapSlot<TValue>>.TryRead(ref reader, ReadSlot, out kernel);
                reader.Depth--;
            }

            if (error == StateError.None)
            {
                value = new ORMap<TValue>(kernel!);
            }

            return error;
        }

#pragma warning restore CA1000

        private static StateError ReadSlotPayload(ref StateReader reader, out MapSlot<TValue> slot)
        {
            slot = default;
            StateError error = reader.ReadKey(out string key);
            TValue? value = null;
            if (error == StateError.None)
            {
                error = TValue.TryRead(ref reader, out value);
            }

            if (error == StateError.None)
            {
                slot = new MapSlot<TValue>(key, value!);
            }

            return error;
        }

        private List<Dot> DotsOf(string key)
        {
            var dots = new List<Dot>();
            foreach (KeyValuePair<Dot, MapSlot<TValue>> entry in _kernel.Entries)
            {
                if (string.Equals(entry.Value.Key, key, StringComparison.Ordinal))
                {
                    dots.Add(entry.Key);
                }
            }

            return dots;
        }
    }
}

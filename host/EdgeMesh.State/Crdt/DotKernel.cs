using System;
using System.Collections.Generic;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// The dot store shared by the observed-remove types (Almeida et al., §7): entries tagged with
    /// the dot that created them, and the causal context of every dot seen. An entry present in one
    /// replica survives a join unless the other replica has seen its dot and no longer holds it
    /// (that is what a removal is), so removals need no tombstones beyond the compact context.
    /// A dot names one write, so two replicas holding the same dot hold the same payload.
    /// </summary>
    /// <typeparam name="TPayload">What each entry carries.</typeparam>
    internal sealed class DotKernel<TPayload>
    {
        internal DotKernel()
            : this(new SortedDictionary<Dot, TPayload>(), new CausalContext())
        {
        }

        private DotKernel(SortedDictionary<Dot, TPayload> entries, CausalContext context)
        {
            Entries = entries;
            Context = context;
        }

        internal SortedDictionary<Dot, TPayload> Entries { get; }

        internal CausalContext Context { get; }

        internal bool IsEmpty => Entries.Count == 0 && Context.IsEmpty;

        /// <summary>A kernel holding one new entry and the dots it replaces (the delta of an add or write).</summary>
        internal static DotKernel<TPayload> Write(Dot dot, TPayload payload, IEnumerable<Dot> replaced)
        {
            var delta = new DotKernel<TPayload>();
            delta.Entries.Add(dot, payload);
            delta.Context.Add(dot);
            foreach (Dot d in replaced)
            {
                delta.Context.Add(d);
            }

            return delta;
        }

        /// <summary>A kernel holding no entry and the dots removed (the delta of a remove).</summary>
        internal static DotKernel<TPayload> Remove(IEnumerable<Dot> removed)
        {
            var delta = new DotKernel<TPayload>();
            foreach (Dot d in removed)
            {
                delta.Context.Add(d);
            }

            return delta;
        }

        internal bool MergeFrom(DotKernel<TPayload> other)
        {
            bool changed = false;
            List<Dot>? dead = null;
            foreach (Dot dot in Entries.Keys)
            {
                if (!other.Entries.ContainsKey(dot) && other.Context.Contains(dot))
                {
                    (dead ??= new List<Dot>()).Add(dot);
                }
            }

            if (dead != null)
            {
                foreach (Dot dot in dead)
                {
                    Entries.Remove(dot);
                }

                changed = true;
            }

            foreach (KeyValuePair<Dot, TPayload> entry in other.Entries)
            {
                if (!Entries.ContainsKey(entry.Key) && !Context.Contains(entry.Key))
                {
                    Entries.Add(entry.Key, entry.Value);
                    changed = true;
                }
            }

            return Context.MergeFrom(other.Context) | changed;
        }

        internal DotKernel<TPayload> Clone(Func<TPayload, TPayload> copy)
        {
            var entries = new SortedDictionary<Dot, TPayload>();
            foreach (KeyValuePair<Dot, TPayload> entry in Entries)
            {
                entries.Add(entry.Key, copy(entry.Value));
            }

            return new DotKernel<TPayload>(entries, Context.Clone());
        }

        internal void WriteTo(StateWriter writer, Action<StateWriter, TPayload> writePayload)
        {
            writer.WriteVarint((ulong)Entries.Count);
            foreach (KeyValuePair<Dot, TPayload> entry in Entries)
            {
                writer.WriteUInt64(entry.Key.Node);
                writer.WriteVarint(entry.Key.Counter);
                writePayload(writer, entry.Value);
            }

            Context.WriteTo(writer);
        }

        /// <summary>Reads entries (sorted by dot, each dot in the context) and the context.</summary>
        internal static StateError TryRead(ref StateReader reader, PayloadReader<TPayload> readPayload, out DotKernel<TPayload>? kernel)
        {
            kernel = null;
            var entries = new SortedDictionary<Dot, TPayload>();
            StateError error = reader.ReadCount(StateLimits.MaxEntries, 10, out int count);
            Dot last = default;
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = reader.ReadNode(out ulong node);
                ulong counter = 0;
                if (error == StateError.None)
                {
                    error = reader.ReadVarint(out counter);
                }

                if (error != StateError.None)
                {
                    break;
                }

                var dot = new Dot(node, counter);
                if (counter == 0)
                {
                    error = StateError.Malformed;
                }
                else if (i > 0 && dot <= last)
                {
                    error = StateError.NotCanonical;
                }
                else
                {
                    error = readPayload(ref reader, out TPayload payload);
                    if (error == StateError.None)
                    {
                        entries.Add(dot, payload);
                        last = dot;
                    }
                }
            }

            CausalContext? context = null;
            if (error == StateError.None)
            {
                error = CausalContext.TryRead(ref reader, out context);
            }

            if (error != StateError.None)
            {
                return error;
            }

            foreach (Dot dot in entries.Keys)
            {
                if (!context!.Contains(dot))
                {
                    // An entry whose own dot is missing from the context cannot come from a join.
                    return StateError.Malformed;
                }
            }

            kernel = new DotKernel<TPayload>(entries, context!);
            return StateError.None;
        }
    }
}

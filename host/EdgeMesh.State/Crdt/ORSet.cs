using System;
using System.Collections.Generic;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// An observed-remove (add-wins) set of strings: a removal takes away only the adds it has seen,
    /// so an add concurrent with a removal survives.
    /// </summary>
    public sealed class ORSet : IDeltaCrdt<ORSet>
    {
        private static readonly PayloadReader<string> ReadElement = (ref StateReader r, out string e) => r.ReadKey(out e);
        private readonly DotKernel<string> _kernel;

        private ORSet(DotKernel<string> kernel)
        {
            _kernel = kernel;
        }

        /// <inheritdoc />
        public bool IsEmpty => _kernel.IsEmpty;

        /// <summary>The elements, sorted ordinally, each once.</summary>
        public IReadOnlyList<string> Elements
        {
            get
            {
                var set = new SortedSet<string>(StringComparer.Ordinal);
                foreach (string e in _kernel.Entries.Values)
                {
                    set.Add(e);
                }

                return new List<string>(set);
            }
        }

        /// <summary>True when <paramref name="element"/> is in the set.</summary>
        public bool Contains(string element)
        {
            foreach (string e in _kernel.Entries.Values)
            {
                if (string.Equals(e, element, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds <paramref name="element"/> as a new event of <paramref name="node"/>; returns the delta.</summary>
        public ORSet Add(ulong node, string element)
        {
            ArgumentNullException.ThrowIfNull(element);
            var delta = new ORSet(DotKernel<string>.Write(_kernel.Context.Next(node), element, DotsOf(element)));
            MergeFrom(delta);
            return delta;
        }

        /// <summary>Removes every add of <paramref name="element"/> seen here; returns the delta.</summary>
        public ORSet Remove(string element)
        {
            var delta = new ORSet(DotKernel<string>.Remove(DotsOf(element)));
            MergeFrom(delta);
            return delta;
        }

        /// <inheritdoc />
        public bool MergeFrom(ORSet other)
        {
            return _kernel.MergeFrom(other._kernel);
        }

        /// <inheritdoc />
        public ORSet Clone()
        {
            return new ORSet(_kernel.Clone(e => e));
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.ORSet);
            _kernel.WriteTo(writer, (w, e) => w.WriteKey(e));
        }

        /// <inheritdoc />
        public static ORSet CreateEmpty()
        {
            return new ORSet(new DotKernel<string>());
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out ORSet? value)
        {
            value = null;
            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.ORSet);
            DotKernel<string>? kernel = null;
            if (error == StateError.None)
            {
                error = DotKernel<string>.TryRead(ref reader, ReadElement, out kernel);
            }

            if (error == StateError.None)
            {
                value = new ORSet(kernel!);
            }

            return error;
        }

        private List<Dot> DotsOf(string element)
        {
            var dots = new List<Dot>();
            foreach (KeyValuePair<Dot, string> entry in _kernel.Entries)
            {
                if (string.Equals(entry.Value, element, StringComparison.Ordinal))
                {
                    dots.Add(entry.Key);
                }
            }

            return dots;
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// The set of dots a replica has seen, kept compact: per node the largest counter up to which
    /// every dot is present (a version vector), plus the dots seen beyond a gap (the dot cloud).
    /// The representation of a set is unique, so equal contexts encode to equal bytes.
    /// </summary>
    public sealed class CausalContext
    {
        private readonly SortedDictionary<ulong, ulong> _vector = new SortedDictionary<ulong, ulong>();
        private readonly SortedSet<Dot> _cloud = new SortedSet<Dot>();

        /// <summary>True when no dot has been seen.</summary>
        public bool IsEmpty => _vector.Count == 0 && _cloud.Count == 0;

        /// <summary>Nodes in the version vector.</summary>
        public int VectorCount => _vector.Count;

        /// <summary>Dots beyond a gap.</summary>
        public int CloudCount => _cloud.Count;

        /// <summary>True when <paramref name="dot"/> has been seen.</summary>
        public bool Contains(Dot dot)
        {
            return (_vector.TryGetValue(dot.Node, out ulong max) && dot.Counter <= max) || _cloud.Contains(dot);
        }

        /// <summary>The next unused dot of <paramref name="node"/> (one past every dot of it seen).</summary>
        public Dot Next(ulong node)
        {
            _vector.TryGetValue(node, out ulong max);
            foreach (Dot d in _cloud.GetViewBetween(new Dot(node, 0), new Dot(node, ulong.MaxValue)))
            {
                max = d.Counter > max ? d.Counter : max;
            }

            return new Dot(node, max + 1);
        }

        /// <summary>Adds one dot; true when it was new.</summary>
        public bool Add(Dot dot)
        {
            if (Contains(dot))
            {
                return false;
            }

            _cloud.Add(dot);
            Compact(dot.Node);
            return true;
        }

        /// <summary>Joins <paramref name="other"/> into this context; true when it grew.</summary>
        public bool MergeFrom(CausalContext other)
        {
            bool changed = false;
            foreach (KeyValuePair<ulong, ulong> entry in other._vector)
            {
                _vector.TryGetValue(entry.Key, out ulong mine);
                if (entry.Value > mine)
                {
                    _vector[entry.Key] = entry.Value;
                    changed = true;
                    DropCovered(entry.Key);
                    Compact(entry.Key);
                }
            }

            foreach (Dot dot in other._cloud)
            {
                changed |= Add(dot);
            }

            return changed;
        }

        /// <summary>A deep copy.</summary>
        public CausalContext Clone()
        {
            var copy = new CausalContext();
            foreach (KeyValuePair<ulong, ulong> entry in _vector)
            {
                copy._vector.Add(entry.Key, entry.Value);
            }

            foreach (Dot dot in _cloud)
            {
                copy._cloud.Add(dot);
            }

            return copy;
        }

        /// <summary>Writes the vector (sorted by node) then the cloud (sorted).</summary>
        public void WriteTo(StateWriter writer)
        {
            writer.WriteVarint((ulong)_vector.Count);
            foreach (KeyValuePair<ulong, ulong> entry in _vector)
            {
                writer.WriteUInt64(entry.Key);
                writer.WriteVarint(entry.Value);
            }

            writer.WriteVarint((ulong)_cloud.Count);
            foreach (Dot dot in _cloud)
            {
                writer.WriteUInt64(dot.Node);
                writer.WriteVarint(dot.Counter);
            }
        }

        /// <summary>Reads a canonical context: sorted, non-zero counters, every cloud dot beyond a gap.</summary>
        public static StateError TryRead(ref StateReader reader, out CausalContext? context)
        {
            context = null;
            var result = new CausalContext();
            StateError error = reader.ReadCount(StateLimits.MaxEntries, 9, out int count);
            ulong previous = 0;
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = reader.ReadNode(out ulong node);
                if (error == StateError.None)
                {
                    error = reader.ReadVarint(out ulong max);
                    if (error == StateError.None)
                    {
                        if (max == 0)
                        {
                            error = StateError.Malformed;
                        }
                        else if (i > 0 && node <= previous)
                        {
                            error = StateError.NotCanonical;
                        }
                        else
                        {
                            result._vector.Add(node, max);
                            previous = node;
                        }
                    }
                }
            }

            if (error == StateError.None)
            {
                error = reader.ReadCount(StateLimits.MaxEntries, 9, out count);
            }

            Dot last = default;
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = reader.ReadNode(out ulong node);
                ulong counter = 0;
                if (error == StateError.None)
                {
                    error = reader.ReadVarint(out counter);
                }

                if (error == StateError.None)
                {
                    var dot = new Dot(node, counter);
                    result._vector.TryGetValue(node, out ulong max);
                    if (counter == 0)
                    {
                        error = StateError.Malformed;
                    }
                    else if ((i > 0 && dot <= last) || counter <= max + 1)
                    {
                        // A dot the vector covers, or one that closes the gap, has a shorter encoding.
                        error = StateError.NotCanonical;
                    }
                    else
                    {
                        result._cloud.Add(dot);
                        last = dot;
                    }
                }
            }

            if (error == StateError.None)
            {
                context = result;
            }

            return error;
        }

        private void DropCovered(ulong node)
        {
            ulong max = _vector[node];
            _cloud.RemoveWhere(d => d.Node == node && d.Counter <= max);
        }

        private void Compact(ulong node)
        {
            _vector.TryGetValue(node, out ulong max);
            while (_cloud.Remove(new Dot(node, max + 1)))
            {
                max++;
            }

            if (max > 0)
            {
                _vector[node] = max;
            }
        }
    }
}

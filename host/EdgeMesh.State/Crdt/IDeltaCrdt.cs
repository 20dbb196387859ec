using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// A join-semilattice state usable as a delta-state CRDT (docs/fleet-state.md §2): a delta is a
    /// value of the same type, so deltas, delta groups and full states all merge with
    /// <see cref="MergeFrom"/>. Merge is commutative, associative and idempotent; the encoding is
    /// canonical (equal states give equal bytes), which is what digests compare.
    /// </summary>
    /// <typeparam name="TSelf">The implementing type.</typeparam>
    public interface IDeltaCrdt<TSelf>
        where TSelf : class, IDeltaCrdt<TSelf>
    {
        /// <summary>True for the bottom element (merging it changes nothing).</summary>
        bool IsEmpty { get; }

        /// <summary>Joins <paramref name="other"/> into this state; true when this state grew.</summary>
        bool MergeFrom(TSelf other);

        /// <summary>A deep copy.</summary>
        TSelf Clone();

        /// <summary>Writes the canonical encoding.</summary>
        void WriteTo(StateWriter writer);

        /// <summary>The bottom element.</summary>
        static abstract TSelf CreateEmpty();

        /// <summary>Reads one canonical encoding; never throws.</summary>
        static abstract StateError TryRead(ref StateReader reader, out TSelf? value);
    }
}

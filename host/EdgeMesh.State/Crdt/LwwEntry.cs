using EdgeMesh.State.Clocks;

namespace EdgeMesh.State.Crdt
{
    /// <summary>One key of an <see cref="LwwMap"/>: the winning write, or a tombstone (<see cref="Value"/> null).</summary>
    public readonly struct LwwEntry
    {
        /// <summary>Creates an entry.</summary>
        public LwwEntry(HybridTimestamp timestamp, byte[]? value)
        {
            Timestamp = timestamp;
            Value = value;
        }

        /// <summary>When it was written.</summary>
        public HybridTimestamp Timestamp { get; }

        /// <summary>The value, or null for a removal.</summary>
        public byte[]? Value { get; }

        /// <summary>True for a removal.</summary>
        public bool IsTombstone => Value == null;

        /// <summary>True when this entry wins over <paramref name="other"/> (later timestamp; at equal times a value beats a tombstone, then larger bytes).</summary>
        internal bool Beats(LwwEntry other)
        {
            int c = Timestamp.CompareTo(other.Timestamp);
            return c > 0 || (c == 0 && ByteOrder.Compare(Value, other.Value) > 0);
        }
    }
}

using System;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Clocks
{
    /// <summary>
    /// A hybrid logical clock reading (Kulkarni et al.): wall milliseconds, a logical counter for
    /// events within one millisecond, and the writing node's id as the final tie-break, so two
    /// distinct writes never compare equal. Ordered by wall time, then counter, then node.
    /// </summary>
    public readonly struct HybridTimestamp : IEquatable<HybridTimestamp>, IComparable<HybridTimestamp>
    {
        /// <summary>Creates a reading.</summary>
        public HybridTimestamp(long wallMs, uint counter, ulong node)
        {
            WallMs = wallMs;
            Counter = counter;
            Node = node;
        }

        /// <summary>Wall-clock part, Unix milliseconds.</summary>
        public long WallMs { get; }

        /// <summary>Logical part within <see cref="WallMs"/>.</summary>
        public uint Counter { get; }

        /// <summary>The node that took the reading (tie-break).</summary>
        public ulong Node { get; }

        /// <summary>True for the zero reading (no write yet).</summary>
        public bool IsZero => WallMs == 0 && Counter == 0 && Node == 0;

        /// <summary>Compares by wall time, counter, then node id.</summary>
        public int CompareTo(HybridTimestamp other)
        {
            int c = WallMs.CompareTo(other.WallMs);
            if (c != 0)
            {
                return c;
            }

            c = Counter.CompareTo(other.Counter);
            return c != 0 ? c : Node.CompareTo(other.Node);
        }

        /// <inheritdoc />
        public bool Equals(HybridTimestamp other)
        {
            return WallMs == other.WallMs && Counter == other.Counter && Node == other.Node;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj)
        {
            return obj is HybridTimestamp other && Equals(other);
        }

        /// <inheritdoc />
        public override int GetHashCode()
        {
            return HashCode.Combine(WallMs, Counter, Node);
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return WallMs + "." + Counter + "@" + Node.ToString("x16");
        }

        /// <summary>Writes wall time and counter as varints, node as 8 bytes.</summary>
        public void WriteTo(StateWriter writer)
        {
            writer.WriteVarint((ulong)WallMs);
            writer.WriteVarint(Counter);
            writer.WriteUInt64(Node);
        }

        /// <summary>Reads what <see cref="WriteTo"/> wrote; the wall time must fit a non-negative long.</summary>
        public static StateError TryRead(ref StateReader reader, out HybridTimestamp value)
        {
            value = default;
            StateError error = reader.ReadVarint(out ulong wall);
            if (error != StateError.None)
            {
                return error;
            }

            error = reader.ReadVarint(out ulong counter);
            if (error != StateError.None)
            {
                return error;
            }

            if (wall > long.MaxValue || counter > uint.MaxValue)
            {
                return StateError.LimitExceeded;
            }

            error = reader.ReadNode(out ulong node);
            if (error == StateError.None)
            {
                value = new HybridTimestamp((long)wall, (uint)counter, node);
            }

            return error;
        }

        /// <summary>Ordering operator.</summary>
        public static bool operator <(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) < 0;

        /// <summary>Ordering operator.</summary>
        public static bool operator >(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) > 0;

        /// <summary>Ordering operator.</summary>
        public static bool operator <=(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) <= 0;

        /// <summary>Ordering operator.</summary>
        public static bool operator >=(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) >= 0;

        /// <summary>Equality operator.</summary>
        public static bool operator ==(HybridTimestamp left, HybridTimestamp right) => left.Equals(right);

        /// <summary>Equality operator.</summary>
        public static bool operator !=(HybridTimestamp left, HybridTimestamp right) => !left.Equals(right);
    }
}

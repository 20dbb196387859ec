using System;

namespace EdgeMesh.State.Crdt
{
    /// <summary>A unique event: the <see cref="Counter"/>-th event created by <see cref="Node"/> (counters start at 1).</summary>
    public readonly struct Dot : IEquatable<Dot>, IComparable<Dot>
    {
        /// <summary>Creates a dot.</summary>
        public Dot(ulong node, ulong counter)
        {
            Node = node;
            Counter = counter;
        }

        /// <summary>The node that created the event.</summary>
        public ulong Node { get; }

        /// <summary>Its sequence number at that node.</summary>
        public ulong Counter { get; }

        /// <inheritdoc />
        public int CompareTo(Dot other)
        {
            int c = Node.CompareTo(other.Node);
            return c != 0 ? c : Counter.CompareTo(other.Counter);
        }

        /// <inheritdoc />
        public bool Equals(Dot other)
        {
            return Node == other.Node && Counter == other.Counter;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj)
        {
            return obj is Dot other && Equals(other);
        }

        /// <inheritdoc />
        public override int GetHashCode()
        {
            return HashCode.Combine(Node, Counter);
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return Node.ToString("x16") + ":" + Counter;
        }

        /// <summary>Equality operator.</summary>
        public static bool operator ==(Dot left, Dot right) => left.Equals(right);

        /// <summary>Equality operator.</summary>
        public static bool operator !=(Dot left, Dot right) => !left.Equals(right);

        /// <summary>Ordering operator.</summary>
        public static bool operator <(Dot left, Dot right) => left.CompareTo(right) < 0;

        /// <summary>Ordering operator.</summary>
        public static bool operator >(Dot left, Dot right) => left.CompareTo(right) > 0;

        /// <summary>Ordering operator.</summary>
        public static bool operator <=(Dot left, Dot right) => left.CompareTo(right) <= 0;

        /// <summary>Ordering operator.</summary>
        public static bool operator >=(Dot left, Dot right) => left.CompareTo(right) >= 0;
    }
}

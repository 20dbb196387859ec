using System;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip
{
    /// <summary>Names a broadcast message: its originator and the originator's sequence (wire-format §2.6).</summary>
    public readonly struct MessageId : IEquatable<MessageId>
    {
        /// <summary>Creates an id.</summary>
        public MessageId(NodeId origin, ulong sequence)
        {
            Origin = origin;
            Sequence = sequence;
        }

        /// <summary>The node that published the message.</summary>
        public NodeId Origin { get; }

        /// <summary>The originator's sequence number of the message.</summary>
        public ulong Sequence { get; }

        /// <summary>Value equality.</summary>
        public static bool operator ==(MessageId left, MessageId right)
        {
            return left.Equals(right);
        }

        /// <summary>Value inequality.</summary>
        public static bool operator !=(MessageId left, MessageId right)
        {
            return !left.Equals(right);
        }

        /// <inheritdoc />
        public bool Equals(MessageId other)
        {
            return Origin.Value == other.Origin.Value && Sequence == other.Sequence;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj)
        {
            return obj is MessageId other && Equals(other);
        }

        /// <inheritdoc />
        public override int GetHashCode()
        {
            ulong h = (Origin.Value * 0x9E3779B97F4A7C15UL) ^ Sequence;
            return (int)(h ^ (h >> 32));
        }

        /// <summary>origin:sequence.</summary>
        public override string ToString()
        {
            return string.Concat(Origin.ToString(), ":", Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

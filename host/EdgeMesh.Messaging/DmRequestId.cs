using System;
using System.Buffers.Binary;
using EdgeMesh.Security;

namespace EdgeMesh.Messaging
{
    /// <summary>
    /// The 16-byte random id a sender gives each direct message. It names the message in the
    /// envelope, its fragments, its acknowledgement, the outbox file and the recipient's dedupe
    /// cache. Printed as 32 lower-case hex digits.
    /// </summary>
    public readonly struct DmRequestId : IEquatable<DmRequestId>
    {
        /// <summary>Length in bytes.</summary>
        public const int Length = 16;

        /// <summary>Creates an id from its two big-endian halves.</summary>
        public DmRequestId(ulong high, ulong low)
        {
            High = high;
            Low = low;
        }

        /// <summary>Bytes 0-7, big-endian.</summary>
        public ulong High { get; }

        /// <summary>Bytes 8-15, big-endian.</summary>
        public ulong Low { get; }

        /// <summary>True for the all-zero id, which senders never draw.</summary>
        public bool IsEmpty => High == 0 && Low == 0;

        /// <summary>Draws a new id from the system's secure random generator (never all zero).</summary>
        public static DmRequestId NewId()
        {
            Span<byte> bytes = stackalloc byte[Length];
            DmRequestId id;
            do
            {
                SecureRandom.Fill(bytes);
                id = Read(bytes);
            }
            while (id.IsEmpty);

            return id;
        }

        /// <summary>Reads an id from the first 16 bytes of <paramref name="source"/>.</summary>
        public static DmRequestId Read(ReadOnlySpan<byte> source)
        {
            return new DmRequestId(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt64BigEndian(source.Slice(8)));
        }

        /// <summary>Writes the 16 bytes into <paramref name="destination"/>.</summary>
        public void Write(Span<byte> destination)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, High);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), Low);
        }

        /// <summary>Parses 32 hex digits (either case); false for anything else.</summary>
        public static bool TryParse(string? text, out DmRequestId id)
        {
            id = default;
            if (text == null || text.Length != 2 * Length)
            {
                return false;
            }

            Span<byte> bytes = stackalloc byte[Length];
            if (Convert.FromHexString(text, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != Length)
            {
                return false;
            }

            id = Read(bytes);
            return true;
        }

        /// <summary>32 lower-case hex digits.</summary>
        public override string ToString()
        {
            Span<byte> bytes = stackalloc byte[Length];
            Write(bytes);
            return Convert.ToHexStringLower(bytes);
        }

        /// <inheritdoc />
        public bool Equals(DmRequestId other)
        {
            return High == other.High && Low == other.Low;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj)
        {
            return obj is DmRequestId other && Equals(other);
        }

        /// <inheritdoc />
        public override int GetHashCode()
        {
            return HashCode.Combine(High, Low);
        }

        /// <summary>Value equality.</summary>
        public static bool operator ==(DmRequestId left, DmRequestId right)
        {
            return left.Equals(right);
        }

        /// <summary>Value inequality.</summary>
        public static bool operator !=(DmRequestId left, DmRequestId right)
        {
            return !left.Equals(right);
        }
    }
}

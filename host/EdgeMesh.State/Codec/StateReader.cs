using System;
using System.Buffers.Binary;
using System.Text;

namespace EdgeMesh.State.Codec
{
    /// <summary>
    /// Reads the canonical encoding from caller-owned bytes. Every method returns a
    /// <see cref="StateError"/> and never throws or reads past the input; the first error sticks.
    /// </summary>
    public ref struct StateReader
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private readonly ReadOnlySpan<byte> _bytes;

        /// <summary>Reads <paramref name="bytes"/> from the start.</summary>
        public StateReader(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
            Position = 0;
            Depth = 0;
        }

        /// <summary>Bytes consumed.</summary>
        public int Position { get; private set; }

        /// <summary>Bytes not yet consumed.</summary>
        public readonly int Remaining => _bytes.Length - Position;

        /// <summary>Nesting depth of maps of CRDTs being read (bounded by <see cref="StateLimits.MaxDepth"/>).</summary>
        public int Depth { get; set; }

        /// <summary>Reads one byte.</summary>
        public StateError ReadByte(out byte value)
        {
            if (Remaining < 1)
            {
                value = 0;
                return StateError.Truncated;
            }

            value = _bytes[Position++];
            return StateError.None;
        }

        /// <summary>Reads a minimal unsigned LEB128 varint of at most 64 bits.</summary>
        public StateError ReadVarint(out ulong value)
        {
            value = 0;
            int shift = 0;
            for (int i = 0; i < 10; i++)
            {
                if (Remaining < 1)
                {
                    return StateError.Truncated;
                }

                byte b = _bytes[Position++];
                if (i == 9 && b > 1)
                {
                    return StateError.LimitExceeded;
                }

                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    // A final zero byte after the first means a longer form of a smaller number.
                    return i > 0 && b == 0 ? StateError.NotCanonical : StateError.None;
                }

                shift += 7;
            }

            return StateError.LimitExceeded;
        }

        /// <summary>Reads a varint count at most <paramref name="max"/>, and at most one per <paramref name="minBytesEach"/> remaining bytes.</summary>
        public StateError ReadCount(int max, int minBytesEach, out int count)
        {
            count = 0;
            StateError error = ReadVarint(out ulong raw);
            if (error != StateError.None)
            {
                return error;
            }

            if (raw > (ulong)max)
            {
                return StateError.LimitExceeded;
            }

            if (raw * (ulong)Math.Max(1, minBytesEach) > (ulong)Remaining)
            {
                return StateError.Truncated;
            }

            count = (int)raw;
            return StateError.None;
        }

        /// <summary>Reads 8 bytes big-endian.</summary>
        public StateError ReadUInt64(out ulong value)
        {
            if (Remaining < 8)
            {
                value = 0;
                return StateError.Truncated;
            }

            value = BinaryPrimitives.ReadUInt64BigEndian(_bytes.Slice(Position));
            Position += 8;
            return StateError.None;
        }

        /// <summary>Reads a non-zero node id (8 bytes).</summary>
        public StateError ReadNode(out ulong node)
        {
            StateError error = ReadUInt64(out node);
            return error == StateError.None && node == 0 ? StateError.Malformed : error;
        }

        /// <summary>Reads <paramref name="count"/> raw bytes as a view.</summary>
        public StateError ReadRaw(int count, out ReadOnlySpan<byte> bytes)
        {
            if (count < 0 || Remaining < count)
            {
                bytes = default;
                return StateError.Truncated;
            }

            bytes = _bytes.Slice(Position, count);
            Position += count;
            return StateError.None;
        }

        /// <summary>Reads a varint-prefixed byte string of at most <paramref name="max"/> bytes (copied).</summary>
        public StateError ReadBytes(int max, out byte[] value)
        {
            value = Array.Empty<byte>();
            StateError error = ReadCount(max, 1, out int length);
            if (error != StateError.None)
            {
                return error;
            }

            error = ReadRaw(length, out ReadOnlySpan<byte> bytes);
            if (error == StateError.None)
            {
                value = bytes.ToArray();
            }

            return error;
        }

        /// <summary>Reads a key (varint length, valid UTF-8, at most <see cref="StateLimits.MaxKeyBytes"/>).</summary>
        public StateError ReadKey(out string key)
        {
            key = string.Empty;
            StateError error = ReadCount(StateLimits.MaxKeyBytes, 1, out int length);
            if (error != StateError.None)
            {
                return error;
            }

            error = ReadRaw(length, out ReadOnlySpan<byte> bytes);
            if (error != StateError.None)
            {
                return error;
            }

            try
            {
                key = StrictUtf8.GetString(bytes);
            }
            catch (ArgumentException)
            {
                return StateError.Malformed;
            }

            return StateError.None;
        }
    }
}

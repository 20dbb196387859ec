using System;
using System.Buffers.Binary;

namespace EdgeMesh.Transport
{
    /// <summary>Outcome of <see cref="LengthPrefixReader.Next"/>.</summary>
    internal enum PrefixResult
    {
        /// <summary>A whole frame is available.</summary>
        Frame,

        /// <summary>More bytes are needed.</summary>
        NeedMore,

        /// <summary>A length of zero or above the maximum: the stream cannot be trusted any more.</summary>
        BadLength,
    }

    /// <summary>
    /// Sans-IO reader of a TCP byte stream of frames, each preceded by its length as a 4-byte
    /// big-endian unsigned integer. One fixed buffer (prefix + largest frame) allocated up front; a
    /// length field never makes it allocate. Usage: read into <see cref="FreeSpace"/>,
    /// <see cref="Advance"/>, call <see cref="Next"/> until it stops returning frames, then <see cref="Compact"/>.
    /// </summary>
    internal sealed class LengthPrefixReader
    {
        internal const int PrefixLength = 4;

        private readonly byte[] _buffer;
        private readonly int _maxFrameLength;
        private int _start;
        private int _end;

        internal LengthPrefixReader(int maxFrameLength)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameLength, 1);
            _maxFrameLength = maxFrameLength;
            _buffer = new byte[PrefixLength + maxFrameLength];
        }

        internal byte[] Buffer => _buffer;

        internal Memory<byte> FreeSpace => _buffer.AsMemory(_end);

        internal void Advance(int count)
        {
            _end += count;
        }

        internal PrefixResult Next(out int offset, out int length)
        {
            offset = 0;
            length = 0;
            int available = _end - _start;
            if (available < PrefixLength)
            {
                return PrefixResult.NeedMore;
            }

            uint declared = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start));
            if (declared == 0 || declared > (uint)_maxFrameLength)
            {
                return PrefixResult.BadLength;
            }

            if (available - PrefixLength < (int)declared)
            {
                return PrefixResult.NeedMore;
            }

            offset = _start + PrefixLength;
            length = (int)declared;
            _start = offset + length;
            return PrefixResult.Frame;
        }

        /// <summary>Moves an incomplete frame's bytes to the front so the next read has room.</summary>
        internal void Compact()
        {
            if (_start == 0)
            {
                return;
            }

            int remaining = _end - _start;
            Array.Copy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }

        /// <summary>Forgets everything (a new connection).</summary>
        internal void Reset()
        {
            _start = 0;
            _end = 0;
        }

        /// <summary>Writes the 4-byte prefix of a frame of <paramref name="length"/> bytes.</summary>
        internal static void WritePrefix(Span<byte> destination, int length)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)length);
        }
    }
}

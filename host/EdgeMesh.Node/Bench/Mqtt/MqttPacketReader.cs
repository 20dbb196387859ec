using System;

namespace EdgeMesh.Node.Bench.Mqtt
{
    /// <summary>
    /// Splits a TCP byte stream into MQTT packets, whatever the read boundaries: bytes go in
    /// through <see cref="GetWriteSpace"/>/<see cref="Advance"/>, whole packets come out of
    /// <see cref="TryRead"/>. The buffer is fixed (a packet longer than it is a protocol error), so
    /// a hostile length field cannot make it allocate. Not thread-safe: one reader.
    /// </summary>
    internal sealed class MqttPacketReader
    {
        private readonly byte[] _buffer;
        private int _start;
        private int _end;

        /// <summary>A reader for packets of at most <paramref name="maxPacketBytes"/> bytes in all.</summary>
        internal MqttPacketReader(int maxPacketBytes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketBytes, MqttCodec.MaxFixedHeaderLength);
            _buffer = new byte[maxPacketBytes];
        }

        /// <summary>True once a malformed or oversized packet was seen; the stream cannot be resynchronised.</summary>
        internal bool Faulted { get; private set; }

        /// <summary>Free space for the next read (compacting first).</summary>
        internal Memory<byte> GetWriteSpace()
        {
            if (_start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            return _buffer.AsMemory(_end);
        }

        /// <summary>Records that <paramref name="count"/> bytes were written into the write space.</summary>
        internal void Advance(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
            _end += count;
        }

        /// <summary>
        /// The next whole packet: its type, the fixed-header flags and the body (valid until the next
        /// call). False when more bytes are needed or the stream is faulted.
        /// </summary>
        internal bool TryRead(out MqttPacketType type, out byte flags, out ReadOnlySpan<byte> body)
        {
            type = 0;
            flags = 0;
            body = default;
            if (Faulted || _end - _start < 2)
            {
                return false;
            }

            ReadOnlySpan<byte> available = _buffer.AsSpan(_start, _end - _start);
            int lengthSize = MqttCodec.TryReadRemainingLength(available.Slice(1), out int remaining);
            if (lengthSize < 0 || (lengthSize > 0 && 1 + lengthSize + (long)remaining > _buffer.Length))
            {
                Faulted = true;
                return false;
            }

            if (lengthSize == 0 || available.Length < 1 + lengthSize + remaining)
            {
                return false;
            }

            type = (MqttPacketType)(available[0] >> 4);
            flags = (byte)(available[0] & 0x0F);
            body = available.Slice(1 + lengthSize, remaining);
            _start += 1 + lengthSize + remaining;
            return true;
        }
    }
}

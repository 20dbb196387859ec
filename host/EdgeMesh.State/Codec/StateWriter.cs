using System;
using System.Buffers.Binary;
using System.Text;

namespace EdgeMesh.State.Codec
{
    /// <summary>
    /// A growable byte buffer for the canonical encoding (docs/fleet-state.md §3): unsigned LEB128
    /// varints for counts and counters, big-endian fixed 8 bytes for node ids, length-prefixed
    /// UTF-8 keys and byte values. Reset and reuse it; it keeps its buffer.
    /// </summary>
    public sealed class StateWriter
    {
        private byte[] _buffer;

        /// <summary>Starts with <paramref name="capacity"/> bytes of room.</summary>
        public StateWriter(int capacity = 256)
        {
            _buffer = new byte[Math.Max(16, capacity)];
        }

        /// <summary>Bytes written.</summary>
        public int Length { get; private set; }

        /// <summary>The written bytes (valid until the next write).</summary>
        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

        /// <summary>Forgets what was written, keeps the buffer.</summary>
        public void Reset()
        {
            Length = 0;
        }

        /// <summary>A copy of the written bytes.</summary>
        public byte[] ToArray()
        {
            return Written.ToArray();
        }

        /// <summary>Writes one byte.</summary>
        public void WriteByte(byte value)
        {
            Ensure(1);
            _buffer[Length++] = value;
        }

        /// <summary>Writes an unsigned LEB128 varint (minimal form).</summary>
        public void WriteVarint(ulong value)
        {
            Ensure(10);
            while (value >= 0x80)
            {
                _buffer[Length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _buffer[Length++] = (byte)value;
        }

        /// <summary>Writes 8 bytes big-endian.</summary>
        public void WriteUInt64(ulong value)
        {
            Ensure(8);
            BinaryPrimitives.WriteUInt64BigEndian(_buffer.AsSpan(Length), value);
            Length += 8;
        }

        /// <summary>Writes raw bytes without a length.</summary>
        public void WriteRaw(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(Length));
            Length += bytes.Length;
        }

        /// <summary>Writes a varint length and the bytes.</summary>
        public void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            WriteVarint((ulong)bytes.Length);
            WriteRaw(bytes);
        }

        /// <summary>Writes a key as varint length and UTF-8.</summary>
        public void WriteKey(string key)
        {
            int count = Encoding.UTF8.GetByteCount(key);
            WriteVarint((ulong)count);
            Ensure(count);
            Length += Encoding.UTF8.GetBytes(key, _buffer.AsSpan(Length));
        }

        private void Ensure(int extra)
        {
            if (Length + extra > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
            }
        }
    }
}

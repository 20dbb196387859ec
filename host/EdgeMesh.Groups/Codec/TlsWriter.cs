using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EdgeMesh.Groups.Codec
{
    /// <summary>
    /// Growable writer for the TLS presentation language. Vectors are written by reserving a
    /// four-byte header, writing the body in place and then shrinking the header to the minimal
    /// varint, so nested structures need no temporary buffers. A writer can be reset and reused,
    /// which keeps steady-state encoding allocation-free.
    /// </summary>
    internal sealed class TlsWriter
    {
        private byte[] _buffer;
        private int _length;

        public TlsWriter(int capacity = 256)
        {
            _buffer = new byte[Math.Max(16, capacity)];
        }

        public int Length => _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public byte[] ToArray() => Written.ToArray();

        public void Reset() => _length = 0;

        /// <summary>Zeroes the buffer; used when the writer held secrets.</summary>
        public void Clear()
        {
            CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _length));
            _length = 0;
        }

        private Span<byte> Grow(int count)
        {
            if (_length + count > _buffer.Length)
            {
                int size = Math.Max(_buffer.Length * 2, _length + count);
                byte[] bigger = new byte[size];
                _buffer.AsSpan(0, _length).CopyTo(bigger);
                CryptographicOperations.ZeroMemory(_buffer);
                _buffer = bigger;
            }

            Span<byte> span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        public void U8(byte value) => Grow(1)[0] = value;

        public void U16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);

        public void U32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);

        public void U64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Grow(8), value);

        public void Fixed(ReadOnlySpan<byte> data) => data.CopyTo(Grow(data.Length));

        public static int VarLengthSize(int length) => length < 64 ? 1 : length < 16384 ? 2 : 4;

        public void VarLength(int length)
        {
            if (length < 64)
            {
                U8((byte)length);
            }
            else if (length < 16384)
            {
                U16((ushort)(0x4000 | length));
            }
            else
            {
                U32(0x80000000u | (uint)length);
            }
        }

        public void VarBytes(ReadOnlySpan<byte> data)
        {
            VarLength(data.Length);
            Fixed(data);
        }

        public void Optional(bool present) => U8(present ? (byte)1 : (byte)0);

        /// <summary>Starts a vector; pass the returned mark to <see cref="EndVector"/>.</summary>
        public int BeginVector()
        {
            Grow(4);
            return _length;
        }

        public void EndVector(int mark)
        {
            int bodyLength = _length - mark;
            int headerSize = VarLengthSize(bodyLength);
            int headerAt = mark - 4;
            if (headerSize != 4)
            {
                Buffer.BlockCopy(_buffer, mark, _buffer, headerAt + headerSize, bodyLength);
            }

            Span<byte> header = _buffer.AsSpan(headerAt, headerSize);
            if (headerSize == 1)
            {
                header[0] = (byte)bodyLength;
            }
            else if (headerSize == 2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)(0x4000 | bodyLength));
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(header, 0x80000000u | (uint)bodyLength);
            }

            _length = headerAt + headerSize + bodyLength;
        }
    }
}

using System;
using System.Buffers.Binary;

namespace EdgeMesh.Groups.Codec
{
    /// <summary>
    /// Reader for the TLS presentation language with MLS variable-length vectors (RFC 9420 §2.1).
    /// The first failure sticks: later reads return defaults, so decoders check <see cref="Error"/>
    /// once at the end instead of after every field. Every length is bounded by the remaining input,
    /// so nothing is allocated on the strength of a length field alone.
    /// </summary>
    internal ref struct TlsReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private int _position;

        public TlsReader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _position = 0;
            Error = MlsError.None;
        }

        public MlsError Error { get; private set; }

        public readonly bool Ok => Error == MlsError.None;

        public readonly int Position => _position;

        public readonly int Remaining => _data.Length - _position;

        public readonly bool IsEmpty => _position >= _data.Length;

        public void Fail(MlsError error)
        {
            if (Error == MlsError.None)
            {
                Error = error;
            }

            _position = _data.Length;
        }

        /// <summary>Fails unless every byte was consumed.</summary>
        public void ExpectEnd()
        {
            if (Ok && _position != _data.Length)
            {
                Fail(MlsError.TrailingData);
            }
        }

        public readonly ReadOnlySpan<byte> Consumed(int start) => _data.Slice(start, _position - start);

        public ReadOnlySpan<byte> Fixed(int count)
        {
            if (!Ok || count < 0 || count > Remaining)
            {
                Fail(MlsError.Truncated);
                return default;
            }

            ReadOnlySpan<byte> slice = _data.Slice(_position, count);
            _position += count;
            return slice;
        }

        public byte U8()
        {
            ReadOnlySpan<byte> b = Fixed(1);
            return b.IsEmpty ? (byte)0 : b[0];
        }

        public ushort U16()
        {
            ReadOnlySpan<byte> b = Fixed(2);
            return b.IsEmpty ? (ushort)0 : BinaryPrimitives.ReadUInt16BigEndian(b);
        }

        public uint U32()
        {
            ReadOnlySpan<byte> b = Fixed(4);
            return b.IsEmpty ? 0u : BinaryPrimitives.ReadUInt32BigEndian(b);
        }

        public ulong U64()
        {
            ReadOnlySpan<byte> b = Fixed(8);
            return b.IsEmpty ? 0ul : BinaryPrimitives.ReadUInt64BigEndian(b);
        }

        /// <summary>Reads an MLS variable-length integer (1, 2 or 4 bytes, minimal encoding).</summary>
        public int VarLength()
        {
            if (!Ok)
            {
                return 0;
            }

            if (IsEmpty)
            {
                Fail(MlsError.Truncated);
                return 0;
            }

            byte first = _data[_position];
            int prefix = first >> 6;
            switch (prefix)
            {
                case 0:
                    _position++;
                    return first;
                case 1:
                    {
                        ReadOnlySpan<byte> b = Fixed(2);
                        if (b.IsEmpty)
                        {
                            return 0;
                        }

                        int v = ((b[0] & 0x3F) << 8) | b[1];
                        if (v < 64)
                        {
                            Fail(MlsError.BadLength);
                            return 0;
                        }

                        return v;
                    }

                case 2:
                    {
                        ReadOnlySpan<byte> b = Fixed(4);
                        if (b.IsEmpty)
                        {
                            return 0;
                        }

                        uint v = BinaryPrimitives.ReadUInt32BigEndian(b) & 0x3FFFFFFF;
                        if (v < 16384)
                        {
                            Fail(MlsError.BadLength);
                            return 0;
                        }

                        // A length beyond int range cannot fit in any input; it fails as truncated later.
                        return v > int.MaxValue ? int.MaxValue : (int)v;
                    }

                default:
                    Fail(MlsError.BadLength);
                    return 0;
            }
        }

        /// <summary>Reads <c>opaque data&lt;V&gt;</c>: the body is a slice of the input.</summary>
        public ReadOnlySpan<byte> VarBytes()
        {
            int length = VarLength();
            return Fixed(length);
        }

        /// <summary>Reads <c>opaque data&lt;V&gt;</c> into a new array (bounded by the input length).</summary>
        public byte[] VarBytesArray() => VarBytes().ToArray();

        /// <summary>Reads a vector header and returns a reader over its body.</summary>
        public TlsReader VarVector()
        {
            ReadOnlySpan<byte> body = VarBytes();
            TlsReader inner = new TlsReader(body);
            if (!Ok)
            {
                inner.Fail(Error);
            }

            return inner;
        }

        /// <summary>Adopts the error of a nested reader.</summary>
        public void Merge(in TlsReader inner)
        {
            if (!inner.Ok)
            {
                Fail(inner.Error);
            }
        }

        /// <summary>Reads an <c>optional&lt;T&gt;</c> presence byte.</summary>
        public bool Optional()
        {
            byte flag = U8();
            if (flag > 1)
            {
                Fail(MlsError.InvalidValue);
                return false;
            }

            return flag == 1;
        }
    }
}

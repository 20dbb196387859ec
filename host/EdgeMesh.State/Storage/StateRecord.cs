using System;
using System.Buffers.Binary;
using EdgeMesh.Security;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Storage
{
    /// <summary>
    /// Framing of one stored record (docs/fleet-state.md §6): a 4-byte big-endian length, the
    /// encoded CRDT, and BLAKE2b-128 over length and payload; a torn or damaged record is recognised.
    /// Files start with a magic ("EMSS" snapshot, "EMSL" log) and a version byte.
    /// </summary>
    internal static class StateRecord
    {
        internal const int HeaderLength = 4;
        internal const int ChecksumLength = 16;
        internal const int FileHeaderLength = 5;
        internal const byte Version = 1;

        internal static byte[] Frame(ReadOnlySpan<byte> payload)
        {
            byte[] record = new byte[HeaderLength + payload.Length + ChecksumLength];
            BinaryPrimitives.WriteUInt32BigEndian(record, (uint)payload.Length);
            payload.CopyTo(record.AsSpan(HeaderLength));
            Blake2b.Hash(record.AsSpan(0, HeaderLength + payload.Length), record.AsSpan(HeaderLength + payload.Length));
            return record;
        }

        /// <summary>Reads the record at <paramref name="offset"/>; its length, or 0 when the bytes there are no intact record.</summary>
        internal static int TryRead(ReadOnlySpan<byte> file, int offset, out ReadOnlySpan<byte> payload)
        {
            payload = default;
            if (file.Length - offset < HeaderLength + ChecksumLength)
            {
                return 0;
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(offset));
            if (length > StateLimits.MaxEncodedBytes || length > (uint)(file.Length - offset - HeaderLength - ChecksumLength))
            {
                return 0;
            }

            int body = HeaderLength + (int)length;
            Span<byte> sum = stackalloc byte[ChecksumLength];
            Blake2b.Hash(file.Slice(offset, body), sum);
            if (!sum.SequenceEqual(file.Slice(offset + body, ChecksumLength)))
            {
                return 0;
            }

            payload = file.Slice(offset + HeaderLength, (int)length);
            return body + ChecksumLength;
        }

        internal static void WriteFileHeader(Span<byte> destination, ReadOnlySpan<byte> magic)
        {
            magic.CopyTo(destination);
            destination[4] = Version;
        }

        internal static bool CheckFileHeader(ReadOnlySpan<byte> file, ReadOnlySpan<byte> magic)
        {
            return file.Length >= FileHeaderLength && file.Slice(0, 4).SequenceEqual(magic) && file[4] == Version;
        }
    }
}

using System;
using System.Buffers.Binary;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;

namespace EdgeMesh.Messaging.Storage
{
    /// <summary>
    /// Layout of one outbox file (docs/direct-messages.md §8.1): magic "EMDO", version, the frame
    /// priority to send with, 2 reserved bytes, the envelope length (4 bytes), the envelope, then a
    /// BLAKE2b-128 checksum of everything before it, so a torn or damaged file is recognised instead
    /// of resent half.
    /// </summary>
    internal static class OutboxFile
    {
        internal const int HeaderLength = 12;
        internal const int ChecksumLength = 16;
        internal const int MaxLength = HeaderLength + EnvelopeHeader.MaxLength + ChecksumLength;

        internal static byte[] Encode(ReadOnlySpan<byte> envelope, Priority priority)
        {
            byte[] file = new byte[HeaderLength + envelope.Length + ChecksumLength];
            Span<byte> span = file;
            DmWire.WritePreamble(span, DmWire.OutboxMagic);
            span[5] = (byte)priority;
            span.Slice(6, 2).Clear();
            BinaryPrimitives.WriteUInt32BigEndian(span.Slice(8), (uint)envelope.Length);
            envelope.CopyTo(span.Slice(HeaderLength));
            int body = HeaderLength + envelope.Length;
            Blake2b.Hash(span.Slice(0, body), span.Slice(body, ChecksumLength));
            return file;
        }

        /// <summary>The envelope and priority inside a file's bytes; false when the layout or checksum is wrong.</summary>
        internal static bool TryDecode(ReadOnlySpan<byte> file, out ReadOnlySpan<byte> envelope, out Priority priority)
        {
            envelope = default;
            priority = default;
            if (DmWire.CheckPreamble(file, DmWire.OutboxMagic, HeaderLength + ChecksumLength) != DmRefusal.None
                || file[5] > (byte)Priority.Bulk || file[6] != 0 || file[7] != 0)
            {
                return false;
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(8));
            if (length > EnvelopeHeader.MaxLength || file.Length != HeaderLength + (int)length + ChecksumLength)
            {
                return false;
            }

            int body = HeaderLength + (int)length;
            Span<byte> checksum = stackalloc byte[ChecksumLength];
            Blake2b.Hash(file.Slice(0, body), checksum);
            if (!checksum.SequenceEqual(file.Slice(body, ChecksumLength)))
            {
                return false;
            }

            envelope = file.Slice(HeaderLength, (int)length);
            priority = (Priority)file[5];
            return true;
        }
    }
}

using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Several messages of one topic in one Publish frame (payload type
    /// <see cref="PayloadType.PublishBatch"/>, docs/payloads.md §9), so one signature and one
    /// verification cover them all: entries back to back, each a 2-byte payload type, a 2-byte
    /// length (both big-endian) and that many bytes. A batch holds at least one entry; an entry
    /// may not itself be a batch. Stateless; never throws on received bytes.
    /// </summary>
    public static class PublishBatchCodec
    {
        /// <summary>Bytes each entry adds before its payload.</summary>
        public const int EntryHeaderLength = 4;

        /// <summary>
        /// Writes the header of an entry of <paramref name="payloadLength"/> bytes at
        /// <paramref name="offset"/> (the caller copies the payload after it). Checks that header
        /// and payload fit in the <paramref name="count"/> bytes there.
        /// </summary>
        public static FrameError WriteEntryHeader(byte[] destination, int offset, int count, ushort payloadType, int payloadLength)
        {
            if (!ByteRange.IsValid(destination, offset, count) || payloadLength < 0)
            {
                return FrameError.InvalidArgument;
            }

            if (payloadType == PayloadType.PublishBatch || payloadLength > 0xFFFF)
            {
                return FrameError.FieldOutOfRange;
            }

            if (count < EntryHeaderLength + payloadLength)
            {
                return FrameError.BufferTooSmall;
            }

            BigEndian.WriteUInt16(destination, offset, payloadType);
            BigEndian.WriteUInt16(destination, offset + 2, payloadLength);
            return FrameError.None;
        }

        /// <summary>
        /// Reads the entry at <paramref name="offset"/> of a batch that ends at
        /// <paramref name="end"/>: its payload type and where its payload lies. The next entry
        /// starts at <paramref name="payloadOffset"/> + <paramref name="payloadLength"/>.
        /// </summary>
        public static FrameError ReadEntry(byte[] source, int offset, int end, out ushort payloadType, out int payloadOffset, out int payloadLength)
        {
            payloadType = 0;
            payloadOffset = 0;
            payloadLength = 0;
            if (source == null || offset < 0 || end > source.Length || offset > end)
            {
                return FrameError.InvalidArgument;
            }

            if (end - offset < EntryHeaderLength)
            {
                return FrameError.Truncated;
            }

            int type = BigEndian.ReadUInt16(source, offset);
            int length = BigEndian.ReadUInt16(source, offset + 2);
            if (type == PayloadType.PublishBatch)
            {
                return FrameError.WrongPayloadType;
            }

            if (length > end - offset - EntryHeaderLength)
            {
                return FrameError.Truncated;
            }

            payloadType = (ushort)type;
            payloadOffset = offset + EntryHeaderLength;
            payloadLength = length;
            return FrameError.None;
        }

        /// <summary>Checks a whole batch payload and counts its entries (at least one).</summary>
        public static FrameError Validate(byte[] source, int offset, int count, out int entries)
        {
            entries = 0;
            if (!ByteRange.IsValid(source, offset, count))
            {
                return FrameError.InvalidArgument;
            }

            if (count == 0)
            {
                return FrameError.Truncated;
            }

            int end = offset + count;
            while (offset < end)
            {
                FrameError error = ReadEntry(source, offset, end, out ushort _, out int payloadOffset, out int payloadLength);
                if (error != FrameError.None)
                {
                    entries = 0;
                    return error;
                }

                entries++;
                offset = payloadOffset + payloadLength;
            }

            return FrameError.None;
        }
    }
}

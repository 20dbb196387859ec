using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Encodes and decodes chunks of <see cref="PayloadType.LlmRequest"/> and
    /// <see cref="PayloadType.LlmResponse"/> payloads, which share layout version 1
    /// (docs/payloads.md §7); the frame's payload type tells a request from a response.
    /// Never throws on bad input and never allocates.
    /// </summary>
    public static class LlmChunkCodec
    {
        /// <summary>Bytes before the text (§7.1).</summary>
        public const int HeaderLength = 14;

        /// <summary>Longest chunk text one payload holds.</summary>
        public const int MaxTextLength = WireFormat.MaxPayloadLength - HeaderLength;

        // Byte offsets of the fields, docs/payloads.md §7.1.
        private const int OffsetCorrelationId = 1;
        private const int OffsetChunkIndex = 9;
        private const int OffsetChunkCount = 11;
        private const int OffsetFlags = 13;

        /// <summary>
        /// Writes <paramref name="chunk"/>. Refuses with the code a decoder would report: ReservedFlags,
        /// MalformedPayload (count 0, index ≥ count, Final on another than the last index, ill-formed
        /// UTF-8); InvalidArgument for a bad text or destination range; nothing is written on error.
        /// </summary>
        public static FrameError Encode(in LlmChunk chunk, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            if (!ByteRange.IsValid(chunk.Buffer, chunk.TextOffset, chunk.TextLength))
            {
                return FrameError.InvalidArgument;
            }

            int length = HeaderLength + chunk.TextLength;
            FrameError error = PayloadChecks.Destination(destination, offset, count, length);
            if (error == FrameError.None)
            {
                error = CheckFields(chunk.ChunkIndex, chunk.ChunkCount, chunk.Flags);
            }

            if (error == FrameError.None && !Utf8.IsWellFormed(chunk.Buffer, chunk.TextOffset, chunk.TextLength))
            {
                error = FrameError.MalformedPayload;
            }

            if (error != FrameError.None)
            {
                return error;
            }

            WriteUnchecked(chunk.CorrelationId, chunk.ChunkIndex, chunk.ChunkCount, chunk.Flags, chunk.Buffer, chunk.TextOffset, chunk.TextLength, destination, offset);
            written = length;
            return FrameError.None;
        }

        /// <summary>
        /// Reads a chunk; its text is every byte after the 14-byte header and stays in
        /// <paramref name="source"/>. Errors, in the order checked: InvalidArgument, Truncated,
        /// UnsupportedPayloadVersion, Truncated, ReservedFlags, MalformedPayload.
        /// </summary>
        public static FrameError Decode(byte[] source, int offset, int count, out LlmChunk value)
        {
            value = default(LlmChunk);
            FrameError error = PayloadChecks.Header(source, offset, count, HeaderLength);
            if (error != FrameError.None)
            {
                return error;
            }

            int index = BigEndian.ReadUInt16(source, offset + OffsetChunkIndex);
            int chunkCount = BigEndian.ReadUInt16(source, offset + OffsetChunkCount);
            byte flags = source[offset + OffsetFlags];
            error = CheckFields(index, chunkCount, flags);
            if (error != FrameError.None)
            {
                return error;
            }

            int textLength = count - HeaderLength;
            if (!Utf8.IsWellFormed(source, offset + HeaderLength, textLength))
            {
                return FrameError.MalformedPayload;
            }

            value = new LlmChunk(
                BigEndian.ReadUInt64(source, offset + OffsetCorrelationId),
                (ushort)index,
                (ushort)chunkCount,
                flags,
                source,
                offset + HeaderLength,
                textLength);
            return FrameError.None;
        }

        /// <summary>Writes a chunk whose fields, text and destination the caller has already checked.</summary>
        internal static void WriteUnchecked(
            ulong correlationId,
            int index,
            int chunkCount,
            byte flags,
            byte[] text,
            int textOffset,
            int textLength,
            byte[] destination,
            int offset)
        {
            destination[offset] = PayloadLayout.Version;
            BigEndian.WriteUInt64(destination, offset + OffsetCorrelationId, correlationId);
            BigEndian.WriteUInt16(destination, offset + OffsetChunkIndex, index);
            BigEndian.WriteUInt16(destination, offset + OffsetChunkCount, chunkCount);
            destination[offset + OffsetFlags] = flags;
            System.Array.Copy(text, textOffset, destination, offset + HeaderLength, textLength);
        }

        private static FrameError CheckFields(int index, int chunkCount, byte flags)
        {
            if ((flags & ~LlmChunkFlags.DefinedMask) != 0)
            {
                return FrameError.ReservedFlags;
            }

            if (chunkCount < 1 || index >= chunkCount)
            {
                return FrameError.MalformedPayload;
            }

            // Only the last chunk may end the message (§7.3).
            if ((flags & LlmChunkFlags.Final) != 0 && index != chunkCount - 1)
            {
                return FrameError.MalformedPayload;
            }

            return FrameError.None;
        }
    }
}

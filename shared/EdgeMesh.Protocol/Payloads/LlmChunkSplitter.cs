using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Cuts a long UTF-8 text into LLM chunk payloads that each fit a payload budget, never inside
    /// a UTF-8 sequence, so every chunk is well-formed on its own (docs/payloads.md §7.4).
    /// Chunks are encoded one at a time with <see cref="EncodeNext"/> into the caller's buffer; the
    /// last one carries <see cref="LlmChunkFlags.Final"/>. Create one and reuse it: it allocates
    /// nothing after construction. It reads the caller's text array, which must stay unchanged until
    /// the last chunk is encoded. Not thread-safe (single-threaded by contract).
    /// </summary>
    public sealed class LlmChunkSplitter
    {
        /// <summary>Smallest payload budget: the header plus one 4-byte UTF-8 sequence, so every chunk makes progress.</summary>
        public const int MinPayloadLength = LlmChunkCodec.HeaderLength + 4;

        private byte[]? _text;
        private int _cursor;
        private int _end;
        private int _maxText;
        private ulong _correlationId;
        private byte _flags;

        /// <summary>Chunks the current text splits into (0 before <see cref="Begin"/>).</summary>
        public int ChunkCount { get; private set; }

        /// <summary>Index of the chunk <see cref="EncodeNext"/> writes next.</summary>
        public int NextIndex { get; private set; }

        /// <summary>True while chunks remain to be encoded.</summary>
        public bool HasNext
        {
            get { return _text != null && NextIndex < ChunkCount; }
        }

        /// <summary>
        /// Counts the chunks a text splits into with payloads of at most
        /// <paramref name="maxPayloadLength"/> bytes (an empty text is one empty chunk). Errors as
        /// for <see cref="Begin"/>.
        /// </summary>
        public static FrameError CountChunks(byte[] text, int textOffset, int textLength, int maxPayloadLength, out int chunkCount)
        {
            chunkCount = 0;
            if (!ByteRange.IsValid(text, textOffset, textLength)
                || maxPayloadLength < MinPayloadLength
                || maxPayloadLength > WireFormat.MaxPayloadLength)
            {
                return FrameError.InvalidArgument;
            }

            if (!Utf8.IsWellFormed(text, textOffset, textLength))
            {
                return FrameError.MalformedPayload;
            }

            int maxText = maxPayloadLength - LlmChunkCodec.HeaderLength;
            int cursor = textOffset;
            int end = textOffset + textLength;
            int chunks = 0;
            do
            {
                cursor += Utf8.PrefixLength(text, cursor, end - cursor, maxText);
                chunks++;
            }
            while (cursor < end && chunks <= ushort.MaxValue);

            if (chunks > ushort.MaxValue)
            {
                // The 16-bit chunk count cannot describe it; use a larger budget or send less.
                return FrameError.FieldOutOfRange;
            }

            chunkCount = chunks;
            return FrameError.None;
        }

        /// <summary>
        /// Starts splitting <paramref name="text"/> (UTF-8) into chunks of the exchange
        /// <paramref name="correlationId"/>. <paramref name="flags"/> may hold only
        /// <see cref="LlmChunkFlags.Error"/> (the splitter sets Final itself). Errors: InvalidArgument
        /// (bad range, other flags, budget outside <see cref="MinPayloadLength"/>..65535),
        /// MalformedPayload (ill-formed UTF-8), FieldOutOfRange (more than 65535 chunks).
        /// </summary>
        public FrameError Begin(ulong correlationId, byte flags, byte[] text, int textOffset, int textLength, int maxPayloadLength)
        {
            _text = null;
            ChunkCount = 0;
            NextIndex = 0;
            if ((flags & ~LlmChunkFlags.Error) != 0)
            {
                return FrameError.InvalidArgument;
            }

            FrameError error = CountChunks(text, textOffset, textLength, maxPayloadLength, out int chunks);
            if (error != FrameError.None)
            {
                return error;
            }

            _text = text;
            _cursor = textOffset;
            _end = textOffset + textLength;
            _maxText = maxPayloadLength - LlmChunkCodec.HeaderLength;
            _correlationId = correlationId;
            _flags = flags;
            ChunkCount = chunks;
            return FrameError.None;
        }

        /// <summary>
        /// Encodes the next chunk at <paramref name="offset"/>. InvalidArgument when no chunk
        /// remains or for a bad range; BufferTooSmall when it does not fit (the splitter does not
        /// advance, so the call can be repeated with a larger buffer).
        /// </summary>
        public FrameError EncodeNext(byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            if (!HasNext)
            {
                return FrameError.InvalidArgument;
            }

            int textLength = Utf8.PrefixLength(_text!, _cursor, _end - _cursor, _maxText);
            int length = LlmChunkCodec.HeaderLength + textLength;
            FrameError error = PayloadChecks.Destination(destination, offset, count, length);
            if (error != FrameError.None)
            {
                return error;
            }

            byte flags = NextIndex == ChunkCount - 1 ? (byte)(_flags | LlmChunkFlags.Final) : _flags;
            LlmChunkCodec.WriteUnchecked(_correlationId, NextIndex, ChunkCount, flags, _text!, _cursor, textLength, destination, offset);
            _cursor += textLength;
            NextIndex++;
            written = length;
            return FrameError.None;
        }
    }
}

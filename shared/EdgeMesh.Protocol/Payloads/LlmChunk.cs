namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// One chunk of an <see cref="PayloadType.LlmRequest"/> or <see cref="PayloadType.LlmResponse"/>
    /// message (docs/payloads.md §7): which exchange it belongs to, where it sits in the message,
    /// and where its UTF-8 text lies in a buffer. Decoding points the text at the source buffer;
    /// for encoding, point it at the caller's text. Encode and decode with <see cref="LlmChunkCodec"/>;
    /// split a long text with <see cref="LlmChunkSplitter"/>.
    /// </summary>
    public readonly struct LlmChunk
    {
        /// <summary>Creates a chunk description.</summary>
        /// <param name="correlationId">Names the exchange: a response carries its request's id.</param>
        /// <param name="chunkIndex">Position of this chunk in the message, from 0; below <paramref name="chunkCount"/>.</param>
        /// <param name="chunkCount">Chunks in the message as far as the sender knows (at least 1, §7.3).</param>
        /// <param name="flags"><see cref="LlmChunkFlags"/> bits.</param>
        /// <param name="buffer">Array holding the chunk's UTF-8 text.</param>
        /// <param name="textOffset">Offset of the text in <paramref name="buffer"/>.</param>
        /// <param name="textLength">Length of the text in bytes.</param>
        public LlmChunk(ulong correlationId, ushort chunkIndex, ushort chunkCount, byte flags, byte[] buffer, int textOffset, int textLength)
        {
            CorrelationId = correlationId;
            ChunkIndex = chunkIndex;
            ChunkCount = chunkCount;
            Flags = flags;
            Buffer = buffer;
            TextOffset = textOffset;
            TextLength = textLength;
        }

        /// <summary>Names the exchange; a response carries the id of the request it answers.</summary>
        public ulong CorrelationId { get; }

        /// <summary>Position of this chunk in the message, from 0.</summary>
        public ushort ChunkIndex { get; }

        /// <summary>Chunks in the message as far as the sender knows when sending this one (§7.3).</summary>
        public ushort ChunkCount { get; }

        /// <summary><see cref="LlmChunkFlags"/> bits.</summary>
        public byte Flags { get; }

        /// <summary>Array holding the chunk's text.</summary>
        public byte[] Buffer { get; }

        /// <summary>Offset of the text in <see cref="Buffer"/>.</summary>
        public int TextOffset { get; }

        /// <summary>Length of the text in bytes (may be 0).</summary>
        public int TextLength { get; }

        /// <summary>True when <see cref="LlmChunkFlags.Final"/> is set: the message ends with this chunk.</summary>
        public bool IsFinal
        {
            get { return (Flags & LlmChunkFlags.Final) != 0; }
        }

        /// <summary>True when <see cref="LlmChunkFlags.Error"/> is set: the text describes a failure.</summary>
        public bool IsError
        {
            get { return (Flags & LlmChunkFlags.Error) != 0; }
        }

        /// <summary>The chunk's text as a string, for display and logs only: it allocates.</summary>
        public string ToDisplayString()
        {
            return Utf8.GetString(Buffer, TextOffset, TextLength);
        }
    }
}

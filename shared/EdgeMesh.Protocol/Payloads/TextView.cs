namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// A decoded <see cref="PayloadType.Text"/> payload: where its well-formed UTF-8 text lies in
    /// the caller's buffer (docs/payloads.md §6). Valid only while the buffer holds the payload.
    /// Obtain it from <see cref="TextCodec.Decode"/>.
    /// </summary>
    public readonly struct TextView
    {
        internal TextView(byte[] buffer, int textOffset, int textLength)
        {
            Buffer = buffer;
            TextOffset = textOffset;
            TextLength = textLength;
        }

        /// <summary>The buffer the payload was decoded from.</summary>
        public byte[] Buffer { get; }

        /// <summary>Offset of the first text byte in <see cref="Buffer"/>.</summary>
        public int TextOffset { get; }

        /// <summary>Number of UTF-8 bytes of text (may be 0).</summary>
        public int TextLength { get; }

        /// <summary>The text as a string, for display and logs only: it allocates.</summary>
        public string ToDisplayString()
        {
            return Utf8.GetString(Buffer, TextOffset, TextLength);
        }
    }
}

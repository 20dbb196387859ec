namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// A <see cref="PayloadType.Raw"/> payload: opaque bytes in the caller's buffer
    /// (docs/payloads.md §8). Obtain it from <see cref="RawCodec.Decode"/>.
    /// </summary>
    public readonly struct RawView
    {
        internal RawView(byte[] buffer, int dataOffset, int dataLength)
        {
            Buffer = buffer;
            DataOffset = dataOffset;
            DataLength = dataLength;
        }

        /// <summary>The buffer the payload was decoded from.</summary>
        public byte[] Buffer { get; }

        /// <summary>Offset of the first byte in <see cref="Buffer"/>.</summary>
        public int DataOffset { get; }

        /// <summary>Number of bytes (may be 0).</summary>
        public int DataLength { get; }
    }
}

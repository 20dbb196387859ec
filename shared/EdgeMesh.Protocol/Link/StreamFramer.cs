using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Writes frames as records for byte-stream links (serial ports, transparent radio modems),
    /// docs/link-framing.md §3: <c>COBS(frame || CRC-16/CCITT-FALSE big-endian) 0x00</c>. The
    /// receiving side is <see cref="StreamDeframer"/>. Stateless and thread-safe.
    /// </summary>
    public static class StreamFramer
    {
        /// <summary>The record delimiter, the one byte value COBS never emits.</summary>
        public const byte Delimiter = 0x00;

        /// <summary>Length of the CRC appended to the frame before encoding.</summary>
        public const int ChecksumLength = 2;

        /// <summary>
        /// Largest record (delimiter included) that a frame of <paramref name="frameLength"/> bytes
        /// can produce; size encode buffers and <see cref="StreamDeframer"/> with it.
        /// </summary>
        public static int MaxRecordLength(int frameLength)
        {
            if (frameLength < 0 || RecordLengthBound(frameLength) > int.MaxValue)
            {
                throw new System.ArgumentOutOfRangeException(nameof(frameLength));
            }

            return (int)RecordLengthBound(frameLength);
        }

        /// <summary>
        /// Encodes one frame (at least one byte) as a record. The destination range must hold
        /// <see cref="MaxRecordLength"/>(<paramref name="frameCount"/>) bytes and must not overlap the frame.
        /// </summary>
        /// <returns><see cref="FrameError.None"/> and the record length, <see cref="FrameError.BufferTooSmall"/> or <see cref="FrameError.InvalidArgument"/>.</returns>
        public static FrameError Encode(
            byte[] frame,
            int frameOffset,
            int frameCount,
            byte[] destination,
            int destinationOffset,
            int destinationCount,
            out int written)
        {
            written = 0;
            if (frameCount < 1 || !LinkRange.AreValid(frame, frameOffset, frameCount, destination, destinationOffset, destinationCount))
            {
                return FrameError.InvalidArgument;
            }

            if (RecordLengthBound(frameCount) > destinationCount)
            {
                return FrameError.BufferTooSmall;
            }

            ushort crc = Crc16Ccitt.Compute(frame, frameOffset, frameCount);
            CobsEncoder encoder = default(CobsEncoder);
            encoder.Begin(destination, destinationOffset);
            encoder.Put(frame, frameOffset, frameCount);
            encoder.Put((byte)(crc >> 8));
            encoder.Put((byte)crc);
            int end = encoder.End();
            destination[end] = Delimiter;
            written = end + 1 - destinationOffset;
            return FrameError.None;
        }

        private static long RecordLengthBound(long frameLength)
        {
            return CobsCodec.EncodedLengthBound(frameLength + ChecksumLength) + 1;
        }
    }
}

using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Encodes and decodes <see cref="PayloadType.Telemetry"/> payloads, layout version 1
    /// (docs/payloads.md §5): a count byte followed by that many (sensor id, value) readings.
    /// Never throws on bad input and never allocates; decoding yields a <see cref="TelemetryView"/>
    /// over the source buffer. To add readings one at a time use <see cref="TelemetryWriter"/>.
    /// </summary>
    public static class TelemetryCodec
    {
        /// <summary>Bytes before the first reading: version and count (§5).</summary>
        public const int HeaderLength = 2;

        /// <summary>Bytes per reading: sensor id (2) and value (4) (§5).</summary>
        public const int ReadingLength = 6;

        /// <summary>Most readings one payload holds (the count is one byte).</summary>
        public const int MaxReadings = 255;

        // Offset of the count byte, docs/payloads.md §5.
        internal const int OffsetCount = 1;

        /// <summary>Payload length for <paramref name="readingCount"/> readings.</summary>
        public static int EncodedLength(int readingCount)
        {
            return HeaderLength + (readingCount * ReadingLength);
        }

        /// <summary>
        /// How many readings fit in a payload of at most <paramref name="maxPayloadLength"/> bytes
        /// (for example a radio's payload budget), capped at <see cref="MaxReadings"/>; 0 if none fit.
        /// </summary>
        public static int MaxReadingsFor(int maxPayloadLength)
        {
            if (maxPayloadLength < HeaderLength)
            {
                return 0;
            }

            int fit = (maxPayloadLength - HeaderLength) / ReadingLength;
            return fit > MaxReadings ? MaxReadings : fit;
        }

        /// <summary>
        /// Writes readings <paramref name="readingOffset"/> .. <paramref name="readingOffset"/> +
        /// <paramref name="readingCount"/> - 1 of the parallel arrays. More than
        /// <see cref="MaxReadings"/> readings is <see cref="FrameError.FieldOutOfRange"/>; arrays
        /// too short for the range are <see cref="FrameError.InvalidArgument"/>.
        /// </summary>
        public static FrameError Encode(
            ushort[] sensorIds,
            float[] values,
            int readingOffset,
            int readingCount,
            byte[] destination,
            int offset,
            int count,
            out int written)
        {
            written = 0;
            if (sensorIds == null || values == null || readingOffset < 0 || readingCount < 0
                || readingOffset > sensorIds.Length - readingCount || readingOffset > values.Length - readingCount)
            {
                return FrameError.InvalidArgument;
            }

            if (readingCount > MaxReadings)
            {
                return FrameError.FieldOutOfRange;
            }

            int length = EncodedLength(readingCount);
            FrameError error = PayloadChecks.Destination(destination, offset, count, length);
            if (error != FrameError.None)
            {
                return error;
            }

            destination[offset] = PayloadLayout.Version;
            destination[offset + OffsetCount] = (byte)readingCount;
            for (int i = 0; i < readingCount; i++)
            {
                WriteReading(destination, offset + EncodedLength(i), sensorIds[readingOffset + i], values[readingOffset + i]);
            }

            written = length;
            return FrameError.None;
        }

        /// <summary>
        /// Reads a telemetry payload that fills exactly <paramref name="count"/> bytes. Errors, in
        /// the order checked: InvalidArgument, Truncated, UnsupportedPayloadVersion, Truncated (fewer
        /// bytes than the count byte announces), LengthMismatch (more).
        /// </summary>
        public static FrameError Decode(byte[] source, int offset, int count, out TelemetryView value)
        {
            value = default(TelemetryView);
            FrameError error = PayloadChecks.Header(source, offset, count, HeaderLength);
            if (error != FrameError.None)
            {
                return error;
            }

            int readings = source[offset + OffsetCount];
            int length = EncodedLength(readings);
            if (count < length)
            {
                return FrameError.Truncated;
            }

            if (count > length)
            {
                return FrameError.LengthMismatch;
            }

            value = new TelemetryView(source, offset, readings);
            return FrameError.None;
        }

        internal static void WriteReading(byte[] destination, int offset, ushort sensorId, float value)
        {
            BigEndian.WriteUInt16(destination, offset, sensorId);
            BigEndian.WriteSingle(destination, offset + 2, value);
        }
    }
}

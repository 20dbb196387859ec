using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Builds a <see cref="PayloadType.Telemetry"/> payload one reading at a time, in place in a
    /// caller's buffer (docs/payloads.md §5). After <see cref="Begin"/> and after every successful
    /// <see cref="Add"/> the first <see cref="Length"/> bytes are a complete, valid payload, so there
    /// is no finishing step. Create one per sender and reuse it: it allocates nothing after
    /// construction. Not thread-safe (single-threaded by contract, like the rest of the core).
    /// </summary>
    public sealed class TelemetryWriter
    {
        private byte[]? _buffer;
        private int _offset;
        private int _capacity;

        /// <summary>Readings written since <see cref="Begin"/>.</summary>
        public int Count { get; private set; }

        /// <summary>Payload bytes written so far (the value to put in the frame's payload length).</summary>
        public int Length
        {
            get { return _buffer == null ? 0 : TelemetryCodec.EncodedLength(Count); }
        }

        /// <summary>
        /// Starts an empty payload at <paramref name="offset"/>, using at most <paramref name="count"/>
        /// bytes. Fails with InvalidArgument for a bad range and BufferTooSmall when even the
        /// 2-byte header does not fit; the writer is then not started.
        /// </summary>
        public FrameError Begin(byte[] destination, int offset, int count)
        {
            _buffer = null;
            Count = 0;
            FrameError error = PayloadChecks.Destination(destination, offset, count, TelemetryCodec.HeaderLength);
            if (error != FrameError.None)
            {
                return error;
            }

            _buffer = destination;
            _offset = offset;
            _capacity = count;
            destination[offset] = PayloadLayout.Version;
            destination[offset + TelemetryCodec.OffsetCount] = 0;
            return FrameError.None;
        }

        /// <summary>
        /// Appends one reading. Fails, leaving the payload as it was, with InvalidArgument before
        /// <see cref="Begin"/>, FieldOutOfRange after <see cref="TelemetryCodec.MaxReadings"/>
        /// readings and BufferTooSmall when the range given to <see cref="Begin"/> is full.
        /// </summary>
        public FrameError Add(ushort sensorId, float value)
        {
            if (_buffer == null)
            {
                return FrameError.InvalidArgument;
            }

            if (Count >= TelemetryCodec.MaxReadings)
            {
                return FrameError.FieldOutOfRange;
            }

            int end = TelemetryCodec.EncodedLength(Count + 1);
            if (end > _capacity)
            {
                return FrameError.BufferTooSmall;
            }

            TelemetryCodec.WriteReading(_buffer, _offset + end - TelemetryCodec.ReadingLength, sensorId, value);
            Count++;
            _buffer[_offset + TelemetryCodec.OffsetCount] = (byte)Count;
            return FrameError.None;
        }
    }
}

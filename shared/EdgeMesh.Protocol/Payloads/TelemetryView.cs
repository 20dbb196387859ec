using EdgeMesh.Protocol.Internal;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// A decoded <see cref="PayloadType.Telemetry"/> payload, read in place: it keeps a reference
    /// to the caller's buffer and reads readings on demand (docs/payloads.md §5). Valid only while
    /// the buffer holds the payload it was decoded from. Obtain it from <see cref="TelemetryCodec.Decode"/>.
    /// </summary>
    public readonly struct TelemetryView
    {
        private readonly byte[] _buffer;
        private readonly int _offset;

        internal TelemetryView(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _offset = offset;
            Count = count;
        }

        /// <summary>Number of readings (0..255).</summary>
        public int Count { get; }

        /// <summary>Sensor id of reading <paramref name="index"/>.</summary>
        /// <exception cref="System.ArgumentOutOfRangeException">index is not in 0..Count-1 (a local programming error).</exception>
        public ushort GetSensorId(int index)
        {
            return (ushort)BigEndian.ReadUInt16(_buffer, ReadingOffset(index));
        }

        /// <summary>Value of reading <paramref name="index"/>, in the sensor's own unit (NaN may mean "no reading").</summary>
        /// <exception cref="System.ArgumentOutOfRangeException">index is not in 0..Count-1 (a local programming error).</exception>
        public float GetValue(int index)
        {
            return BigEndian.ReadSingle(_buffer, ReadingOffset(index) + 2);
        }

        private int ReadingOffset(int index)
        {
            if (index < 0 || index >= Count)
            {
                throw new System.ArgumentOutOfRangeException(nameof(index));
            }

            return _offset + TelemetryCodec.HeaderLength + (index * TelemetryCodec.ReadingLength);
        }
    }
}

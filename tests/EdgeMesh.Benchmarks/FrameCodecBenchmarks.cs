using BenchmarkDotNet.Attributes;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Benchmarks
{
    /// <summary>Frame header encode and decode with a 64-byte payload (the headline figure).</summary>
    [MemoryDiagnoser]
    public class FrameCodecBenchmarks
    {
        private readonly byte[] _payload = new byte[64];
        private readonly byte[] _buffer = new byte[256];
        private FrameHeader _header;

        /// <summary>Prepares one frame.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = SecurityMode.None,
                Priority = Priority.Telemetry,
                HopLimit = 6,
                Sender = new NodeId(0x1122334455667788),
                Sequence = 1,
                TimestampMs = 1_763_700_000_000,
                Destination = TopicId.FromName("fleet/telemetry"),
                PayloadType = PayloadType.Raw,
                PayloadLength = _payload.Length,
            };

            // Decode64 reads this frame: it must be a valid one, or it would measure the first check.
            FrameCodec.Encode(ref _header, _payload, 0, _payload.Length, _buffer, 0, _buffer.Length, out _);
        }

        /// <summary>One encode followed by one decode of the same frame.</summary>
        [Benchmark]
        public int EncodeDecode64()
        {
            _header.Sequence++;
            FrameCodec.Encode(ref _header, _payload, 0, _payload.Length, _buffer, 0, _buffer.Length, out int written);
            FrameCodec.DecodeExact(_buffer, 0, written, 1024, out FrameHeader decoded);
            return decoded.PayloadLength;
        }

        /// <summary>Encode only.</summary>
        [Benchmark]
        public int Encode64()
        {
            FrameCodec.Encode(ref _header, _payload, 0, _payload.Length, _buffer, 0, _buffer.Length, out int written);
            return written;
        }

        /// <summary>Decode only.</summary>
        [Benchmark]
        public int Decode64()
        {
            FrameCodec.DecodeExact(_buffer, 0, 38 + 64, 1024, out FrameHeader decoded);
            return decoded.PayloadLength;
        }
    }
}

using BenchmarkDotNet.Attributes;
using EdgeMesh.Protocol.Payloads;

namespace EdgeMesh.Benchmarks
{
    /// <summary>
    /// Encode followed by decode of each typed payload (docs/payloads.md), in preallocated buffers.
    /// Every benchmark should report 0 B allocated.
    /// </summary>
    [MemoryDiagnoser]
    public class PayloadCodecBenchmarks
    {
        private readonly byte[] _buffer = new byte[1024];
        private readonly ushort[] _sensorIds = new ushort[16];
        private readonly float[] _values = new float[16];
        private readonly TelemetryWriter _writer = new TelemetryWriter();
        private readonly LlmChunkSplitter _splitter = new LlmChunkSplitter();
        private byte[] _llmText = System.Array.Empty<byte>();
        private Heartbeat _heartbeat;
        private MotionCommand _command;

        private readonly string _text = "Robot 7: charge at dock B before 14:00, go via aisle 13 \u2713 \U0001F916";

        /// <summary>Prepares the values.</summary>
        [GlobalSetup]
        public void Setup()
        {
            _heartbeat = new Heartbeat(NodeStatus.Ok, 8750, 24150, 86400, new Pose(new Vector3F(12.5f, -3.25f, 0f), QuaternionF.Identity));
            _command = new MotionCommand(1001, new Vector3F(0.5f, 0f, 0f), new Vector3F(0f, 0f, -0.25f), 250);
            for (int i = 0; i < _sensorIds.Length; i++)
            {
                _sensorIds[i] = (ushort)i;
                _values[i] = i * 1.5f;
            }

            _llmText = System.Text.Encoding.UTF8.GetBytes(new string('a', 900) + " ✓ done.");
        }

        /// <summary>Heartbeat (38 bytes).</summary>
        [Benchmark]
        public uint Heartbeat()
        {
            HeartbeatCodec.Encode(_heartbeat, _buffer, 0, _buffer.Length, out int written);
            HeartbeatCodec.Decode(_buffer, 0, written, out Heartbeat decoded);
            return decoded.UptimeSeconds;
        }

        /// <summary>Motion command (33 bytes).</summary>
        [Benchmark]
        public uint MotionCommand()
        {
            MotionCommandCodec.Encode(_command, _buffer, 0, _buffer.Length, out int written);
            MotionCommandCodec.Decode(_buffer, 0, written, out MotionCommand decoded);
            return decoded.Sequence;
        }

        /// <summary>Telemetry with 16 readings from arrays (98 bytes), every reading read back.</summary>
        [Benchmark]
        public float Telemetry16()
        {
            TelemetryCodec.Encode(_sensorIds, _values, 0, _sensorIds.Length, _buffer, 0, _buffer.Length, out int written);
            TelemetryCodec.Decode(_buffer, 0, written, out TelemetryView view);
            float sum = 0f;
            for (int i = 0; i < view.Count; i++)
            {
                sum += view.GetValue(i) + view.GetSensorId(i);
            }

            return sum;
        }

        /// <summary>Telemetry with 16 readings added one at a time by the writer, then decoded.</summary>
        [Benchmark]
        public int TelemetryWriter16()
        {
            _writer.Begin(_buffer, 0, _buffer.Length);
            for (int i = 0; i < _sensorIds.Length; i++)
            {
                _writer.Add(_sensorIds[i], _values[i]);
            }

            TelemetryCodec.Decode(_buffer, 0, _writer.Length, out TelemetryView view);
            return view.Count;
        }

        /// <summary>A 64-byte text encoded from a string, then decoded with its UTF-8 check.</summary>
        [Benchmark]
        public int Text64()
        {
            TextCodec.Encode(_text, _buffer, 0, _buffer.Length, out int written);
            TextCodec.Decode(_buffer, 0, written, out TextView view);
            return view.TextLength;
        }

        /// <summary>One LLM chunk with 64 bytes of text.</summary>
        [Benchmark]
        public int LlmChunk64()
        {
            var chunk = new LlmChunk(42, 0, 1, LlmChunkFlags.Final, _llmText, 0, 64);
            LlmChunkCodec.Encode(chunk, _buffer, 0, _buffer.Length, out int written);
            LlmChunkCodec.Decode(_buffer, 0, written, out LlmChunk decoded);
            return decoded.TextLength;
        }

        /// <summary>A 910-byte LLM text split into 233-byte radio payloads, every chunk decoded.</summary>
        [Benchmark]
        public int LlmSplit910()
        {
            int total = 0;
            _splitter.Begin(42, LlmChunkFlags.None, _llmText, 0, _llmText.Length, 233);
            while (_splitter.HasNext)
            {
                _splitter.EncodeNext(_buffer, 0, _buffer.Length, out int written);
                LlmChunkCodec.Decode(_buffer, 0, written, out LlmChunk chunk);
                total += chunk.TextLength;
            }

            return total;
        }

        /// <summary>Raw, 64 bytes.</summary>
        [Benchmark]
        public int Raw64()
        {
            RawCodec.Encode(_llmText, 0, 64, _buffer, 0, _buffer.Length, out int written);
            RawCodec.Decode(_buffer, 0, written, out RawView view);
            return view.DataLength;
        }
    }
}

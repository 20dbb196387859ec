using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>Encoding and decoding every payload type allocates nothing in steady state.</summary>
    public sealed class PayloadAllocationTests
    {
        private const int Iterations = 100_000;

        private readonly byte[] _buffer = new byte[512];
        private readonly ushort[] _ids = { 1, 2, 3, 4, 5, 6, 7, 8 };
        private readonly float[] _values = { 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f };
        private readonly byte[] _llmText = System.Text.Encoding.UTF8.GetBytes("Move the crate from bay 4 to dock B, then report. ✓ 🤖");
        private readonly TelemetryWriter _writer = new TelemetryWriter();
        private readonly LlmChunkSplitter _splitter = new LlmChunkSplitter();
        private readonly string _text = "Battery low at dock 3 ✓ 🤖";
        private readonly Heartbeat _heartbeat = new Heartbeat(NodeStatus.Ok, 9000, 24000, 3600, new Pose(new Vector3F(1f, 2f, 0f), QuaternionF.Identity));
        private readonly MotionCommand _command = new MotionCommand(1, new Vector3F(0.5f, 0f, 0f), new Vector3F(0f, 0f, 0.1f), 200);

        [Fact]
        public void Encode_and_decode_of_every_type_allocate_nothing()
        {
            long check = RunAll(1000); // warm-up: JIT, tiering, statics
            long before = GC.GetAllocatedBytesForCurrentThread();
            check += RunAll(Iterations);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0L, allocated);
            Assert.True(check > 0);
        }

        private long RunAll(int iterations)
        {
            long check = 0;
            for (int n = 0; n < iterations; n++)
            {
                check += Expect(HeartbeatCodec.Encode(_heartbeat, _buffer, 0, _buffer.Length, out int written));
                check += Expect(HeartbeatCodec.Decode(_buffer, 0, written, out Heartbeat heartbeat)) + heartbeat.UptimeSeconds;

                check += Expect(MotionCommandCodec.Encode(_command, _buffer, 0, _buffer.Length, out written));
                check += Expect(MotionCommandCodec.Decode(_buffer, 0, written, out MotionCommand command)) + command.DurationMs;

                check += Expect(TelemetryCodec.Encode(_ids, _values, 0, _ids.Length, _buffer, 0, _buffer.Length, out written));
                check += Expect(TelemetryCodec.Decode(_buffer, 0, written, out TelemetryView view));
                check += view.GetSensorId(view.Count - 1) + (long)view.GetValue(0);
                check += Expect(_writer.Begin(_buffer, 0, _buffer.Length)) + Expect(_writer.Add(9, 1.5f)) + _writer.Length;

                check += Expect(TextCodec.Encode(_text, _buffer, 0, _buffer.Length, out written));
                check += Expect(TextCodec.Decode(_buffer, 0, written, out TextView text)) + text.TextLength;

                check += Expect(_splitter.Begin(42, LlmChunkFlags.None, _llmText, 0, _llmText.Length, 32));
                while (_splitter.HasNext)
                {
                    check += Expect(_splitter.EncodeNext(_buffer, 0, _buffer.Length, out written));
                    check += Expect(LlmChunkCodec.Decode(_buffer, 0, written, out LlmChunk chunk)) + chunk.TextLength;
                    check += Expect(LlmChunkCodec.Encode(chunk, _buffer, 256, 256, out written));
                }

                check += Expect(RawCodec.Encode(_llmText, 0, 16, _buffer, 0, _buffer.Length, out written));
                check += Expect(RawCodec.Decode(_buffer, 0, written, out RawView raw)) + raw.DataLength;
                check += Expect(PayloadValidator.Validate(PayloadType.Raw, _buffer, 0, written));
            }

            return check;
        }

        private static long Expect(FrameError error)
        {
            if (error != FrameError.None)
            {
                throw new InvalidOperationException(error.ToString());
            }

            return 1;
        }
    }
}

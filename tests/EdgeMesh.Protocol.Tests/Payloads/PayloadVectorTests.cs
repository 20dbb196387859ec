using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>
    /// The normative vectors of docs/payloads.md, byte for byte, in both directions; each test also
    /// checks the vector is the one printed in the document, so the two cannot drift apart.
    /// </summary>
    public sealed class PayloadVectorTests
    {
        internal const string HeartbeatHex = "0101222e5e560001518041480000c05000000000000000000000000000003f3504f33f3504f3";
        internal const string MotionCommandHex = "01000003e93f00000000000000000000000000000000000000be800000000000fa";
        internal const string TelemetryHex = "0103000141ac0000000242caa66601027fc00000";
        internal const string TextHex = "014f4b20c3a9e29c93f09fa496";
        internal const string LlmChunkHex = "010123456789abcdef00010002017475726e206c6566742e";
        internal const string RawHex = "deadbeef";

        private static readonly string Document = PayloadsDocument();

        [Fact]
        public void Heartbeat_vector()
        {
            var pose = new Pose(new Vector3F(12.5f, -3.25f, 0f), new QuaternionF(0f, 0f, 0.70710677f, 0.70710677f));
            var value = new Heartbeat(NodeStatus.Degraded, 8750, 24150, 86400, pose);
            byte[] buffer = new byte[HeartbeatCodec.Length];
            Assert.Equal(FrameError.None, HeartbeatCodec.Encode(value, buffer, 0, buffer.Length, out int written));
            AssertVector(HeartbeatHex, buffer, written);

            Assert.Equal(FrameError.None, HeartbeatCodec.Decode(FromHex(HeartbeatHex), 0, written, out Heartbeat decoded));
            Assert.True(PayloadGen.Same(value, decoded));
        }

        [Fact]
        public void MotionCommand_vector()
        {
            var value = new MotionCommand(1001, new Vector3F(0.5f, 0f, 0f), new Vector3F(0f, 0f, -0.25f), 250);
            byte[] buffer = new byte[MotionCommandCodec.Length];
            Assert.Equal(FrameError.None, MotionCommandCodec.Encode(value, buffer, 0, buffer.Length, out int written));
            AssertVector(MotionCommandHex, buffer, written);

            Assert.Equal(FrameError.None, MotionCommandCodec.Decode(FromHex(MotionCommandHex), 0, written, out MotionCommand decoded));
            Assert.True(PayloadGen.Same(value, decoded));
        }

        [Fact]
        public void Telemetry_vector()
        {
            ushort[] ids = { 1, 2, 0x0102 };
            float[] values = { 21.5f, 101.325f, BitConverter.UInt32BitsToSingle(0x7FC00000) };
            byte[] buffer = new byte[64];
            Assert.Equal(FrameError.None, TelemetryCodec.Encode(ids, values, 0, 3, buffer, 0, buffer.Length, out int written));
            AssertVector(TelemetryHex, buffer, written);

            byte[] vector = FromHex(TelemetryHex);
            Assert.Equal(FrameError.None, TelemetryCodec.Decode(vector, 0, vector.Length, out TelemetryView view));
            Assert.Equal(3, view.Count);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(ids[i], view.GetSensorId(i));
                Assert.True(PayloadGen.Same(values[i], view.GetValue(i)));
            }
        }

        [Fact]
        public void Text_vector()
        {
            const string text = "OK \u00e9\u2713\U0001F916";
            byte[] buffer = new byte[32];
            Assert.Equal(FrameError.None, TextCodec.Encode(text, buffer, 0, buffer.Length, out int written));
            AssertVector(TextHex, buffer, written);

            byte[] vector = FromHex(TextHex);
            Assert.Equal(FrameError.None, TextCodec.Decode(vector, 0, vector.Length, out TextView view));
            Assert.Equal(1, view.TextOffset);
            Assert.Equal(12, view.TextLength);
            Assert.Equal(text, view.ToDisplayString());
        }

        [Fact]
        public void LlmChunk_vector()
        {
            byte[] text = System.Text.Encoding.UTF8.GetBytes("turn left.");
            var chunk = new LlmChunk(0x0123456789ABCDEF, 1, 2, LlmChunkFlags.Final, text, 0, text.Length);
            byte[] buffer = new byte[64];
            Assert.Equal(FrameError.None, LlmChunkCodec.Encode(chunk, buffer, 0, buffer.Length, out int written));
            AssertVector(LlmChunkHex, buffer, written);

            byte[] vector = FromHex(LlmChunkHex);
            Assert.Equal(FrameError.None, LlmChunkCodec.Decode(vector, 0, vector.Length, out LlmChunk decoded));
            Assert.Equal(0x0123456789ABCDEFUL, decoded.CorrelationId);
            Assert.Equal(1, decoded.ChunkIndex);
            Assert.Equal(2, decoded.ChunkCount);
            Assert.True(decoded.IsFinal);
            Assert.False(decoded.IsError);
            Assert.Equal("turn left.", decoded.ToDisplayString());
        }

        [Fact]
        public void Raw_vector()
        {
            byte[] data = { 0xDE, 0xAD, 0xBE, 0xEF };
            byte[] buffer = new byte[8];
            Assert.Equal(FrameError.None, RawCodec.Encode(data, 0, data.Length, buffer, 0, buffer.Length, out int written));
            AssertVector(RawHex, buffer, written);

            Assert.Equal(FrameError.None, RawCodec.Decode(buffer, 0, written, out RawView view));
            Assert.Equal(0, view.DataOffset);
            Assert.Equal(4, view.DataLength);
        }

        private static void AssertVector(string expectedHex, byte[] buffer, int written)
        {
            Assert.Equal(expectedHex, ToHex(buffer, 0, written));
            Assert.Contains(expectedHex, Document, StringComparison.Ordinal);
        }
    }
}

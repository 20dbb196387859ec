using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Wire
{
    public sealed class FrameCodecTests
    {
        [Fact]
        public void Round_trips_a_frame()
        {
            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = SecurityMode.Mac,
                Priority = Priority.Telemetry,
                HopLimit = 3,
                Sender = new NodeId(0x0102030405060708),
                Sequence = 42,
                TimestampMs = 1_700_000_000_000,
                Destination = TopicId.FromName("fleet/telemetry"),
                PayloadType = 4,
                PayloadLength = 5,
            };
            byte[] payload = { 1, 2, 3, 4, 5 };
            byte[] buffer = new byte[128];
            Assert.Equal(FrameError.None, FrameCodec.Encode(ref header, payload, 0, 5, buffer, 0, buffer.Length, out int written));
            Assert.Equal(38 + 5 + 16, written);
            Assert.Equal(FrameError.None, FrameCodec.DecodeExact(buffer, 0, written, 1024, out FrameHeader decoded));
            Assert.Equal(header.Sender, decoded.Sender);
            Assert.Equal(header.Destination, decoded.Destination);
            Assert.Equal(header.TimestampMs, decoded.TimestampMs);
        }
    }
}

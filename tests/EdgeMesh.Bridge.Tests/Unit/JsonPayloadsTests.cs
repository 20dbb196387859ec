using System.Text;
using EdgeMesh.Bridge.Payloads;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Bridge.Tests.Unit
{
    public sealed class JsonPayloadsTests
    {
        [Fact]
        public void Telemetry_round_trips_through_json()
        {
            byte[] bin = new byte[64];
            Assert.Equal(FrameError.None, TelemetryCodec.Encode(new ushort[] { 1, 7 }, new[] { 2.5f, -1f }, 0, 2, bin, 0, bin.Length, out int n));
            Assert.True(JsonPayloads.TryToJson(PayloadType.Telemetry, bin.AsSpan(0, n), out byte[] json));
            Assert.Equal("""{"type":"telemetry","readings":[{"sensor":1,"value":2.5},{"sensor":7,"value":-1}]}""", Encoding.UTF8.GetString(json));
            Assert.True(JsonPayloads.TryFromJson(json, out ushort type, out byte[] back, out string error), error);
            Assert.Equal(PayloadType.Telemetry, type);
            Assert.Equal(bin.AsSpan(0, n).ToArray(), back);
        }

        [Fact]
        public void Text_motion_heartbeat_and_raw_round_trip()
        {
            byte[] buf = new byte[128];
            Assert.Equal(FrameError.None, TextCodec.Encode("stop at dock 3", buf, 0, buf.Length, out int n));
            RoundTrip(PayloadType.Text, buf.AsSpan(0, n).ToArray());
            var motion = new MotionCommand(42, new Vector3F(0.5f, 0, 0), new Vector3F(0, 0, 0.25f), 1500);
            Assert.Equal(FrameError.None, MotionCommandCodec.Encode(motion, buf, 0, buf.Length, out n));
            RoundTrip(PayloadType.MotionCommand, buf.AsSpan(0, n).ToArray());
            var hb = new Heartbeat(default, 8000, 12100, 3600, new Pose(new Vector3F(1, 2, 3), QuaternionF.Identity));
            Assert.Equal(FrameError.None, HeartbeatCodec.Encode(hb, buf, 0, buf.Length, out n));
            RoundTrip(PayloadType.Heartbeat, buf.AsSpan(0, n).ToArray());
            RoundTrip(0x8001, new byte[] { 0, 1, 2, 255 });
        }

        [Theory]
        [InlineData("")]
        [InlineData("not json")]
        [InlineData("[1,2]")]
        [InlineData("""{"type":"telemetry"}""")]
        [InlineData("""{"type":"telemetry","readings":[{"sensor":70000,"value":1}]}""")]
        [InlineData("""{"type":"motion","sequence":1,"linear":[1,2],"angular":[0,0,0],"durationMs":1}""")]
        [InlineData("""{"type":"raw","payloadType":-1,"data":""}""")]
        [InlineData("""{"type":"raw","payloadType":1,"data":"%%%"}""")]
        [InlineData("""{"type":"warp"}""")]
        [InlineData("""{"type":"text","text":{"a":{"b":{"c":{"d":{"e":{"f":1}}}}}}}""")]
        public void Malformed_json_is_refused_not_thrown(string json)
        {
            Assert.False(JsonPayloads.TryFromJson(Encoding.UTF8.GetBytes(json), out _, out _, out string error));
            Assert.NotEmpty(error);
        }

        [Fact]
        public void Oversized_json_is_refused_before_parsing()
        {
            Assert.False(JsonPayloads.TryFromJson(new byte[JsonPayloads.MaxJsonLength + 1], out _, out _, out string error));
            Assert.Contains("longer", error, System.StringComparison.Ordinal);
        }

        private static void RoundTrip(ushort payloadType, byte[] bin)
        {
            Assert.True(JsonPayloads.TryToJson(payloadType, bin, out byte[] json));
            Assert.True(JsonPayloads.TryFromJson(json, out ushort type, out byte[] back, out string error), error + " " + Encoding.UTF8.GetString(json));
            Assert.Equal(payloadType, type);
            Assert.Equal(bin, back);
        }
    }
}

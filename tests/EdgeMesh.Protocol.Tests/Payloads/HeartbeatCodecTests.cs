using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class HeartbeatCodecTests
    {
        [Fact]
        public void Any_heartbeat_round_trips_bit_for_bit_or_is_refused_untouched()
        {
            PayloadGen.Check(PayloadGen.Heartbeat, value =>
            {
                byte[] buffer = Padded(HeartbeatCodec.Length);
                FrameError error = HeartbeatCodec.Encode(value, buffer, Pad, HeartbeatCodec.Length, out int written);
                bool valid = (int)value.Status <= 6 && (value.StateOfCharge <= 10000 || value.StateOfCharge == 0xFFFF);
                if (!valid)
                {
                    return error == FrameError.FieldOutOfRange && written == 0 && OutsideUntouched(buffer, 0);
                }

                return error == FrameError.None
                    && written == HeartbeatCodec.Length
                    && OutsideUntouched(buffer, written)
                    && HeartbeatCodec.Decode(buffer, Pad, written, out Heartbeat decoded) == FrameError.None
                    && PayloadGen.Same(value, decoded);
            });
        }

        [Theory]
        [InlineData(1, 7)] // status after Maintenance
        [InlineData(1, 0xFF)]
        [InlineData(2, 0x27)] // state of charge 0x2711 = 10001
        [InlineData(2, 0xFF)] // state of charge 0xFF2E
        public void Out_of_range_fields_are_refused(int index, int value)
        {
            byte[] payload = FromHex(PayloadVectorTests.HeartbeatHex);
            payload[index] = (byte)value;
            if (index == 2)
            {
                payload[3] = (byte)(value == 0x27 ? 0x11 : 0x2E);
            }

            Assert.Equal(FrameError.FieldOutOfRange, HeartbeatCodec.Decode(payload, 0, payload.Length, out Heartbeat decoded));
            Assert.Equal(default(NodeStatus), decoded.Status);
            Assert.Equal(0u, decoded.UptimeSeconds);
        }

        [Theory]
        [InlineData((ushort)0)]
        [InlineData((ushort)10000)]
        [InlineData((ushort)0xFFFF)]
        public void Charge_limits_and_the_unknown_value_are_accepted(ushort charge)
        {
            var value = new Heartbeat(NodeStatus.Maintenance, charge, 0, 0, default(Pose));
            byte[] buffer = new byte[HeartbeatCodec.Length];
            Assert.Equal(FrameError.None, HeartbeatCodec.Encode(value, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.None, HeartbeatCodec.Decode(buffer, 0, buffer.Length, out Heartbeat decoded));
            Assert.Equal(charge, decoded.StateOfCharge);
            Assert.Equal(NodeStatus.Maintenance, decoded.Status);
        }

        [Fact]
        public void Encoder_refuses_a_short_or_missing_destination_without_writing()
        {
            var value = new Heartbeat(NodeStatus.Ok, 5000, 12000, 1, new Pose(default(Vector3F), QuaternionF.Identity));
            byte[] buffer = Padded(HeartbeatCodec.Length);
            Assert.Equal(FrameError.BufferTooSmall, HeartbeatCodec.Encode(value, buffer, Pad, HeartbeatCodec.Length - 1, out int written));
            Assert.Equal(0, written);
            Assert.True(OutsideUntouched(buffer, 0));
            Assert.Equal(FrameError.InvalidArgument, HeartbeatCodec.Encode(value, null!, 0, 38, out _));
            Assert.Equal(FrameError.InvalidArgument, HeartbeatCodec.Encode(value, buffer, buffer.Length - 10, 38, out _));
        }
    }
}

using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class MotionCommandCodecTests
    {
        [Fact]
        public void Any_finite_command_round_trips_bit_for_bit_and_any_other_is_refused_untouched()
        {
            PayloadGen.Check(PayloadGen.MotionCommand, value =>
            {
                byte[] buffer = Padded(MotionCommandCodec.Length);
                FrameError error = MotionCommandCodec.Encode(value, buffer, Pad, MotionCommandCodec.Length, out int written);
                bool finite = float.IsFinite(value.Linear.X) && float.IsFinite(value.Linear.Y) && float.IsFinite(value.Linear.Z)
                    && float.IsFinite(value.Angular.X) && float.IsFinite(value.Angular.Y) && float.IsFinite(value.Angular.Z);
                if (!finite)
                {
                    return error == FrameError.FieldOutOfRange && written == 0 && OutsideUntouched(buffer, 0);
                }

                return error == FrameError.None
                    && written == MotionCommandCodec.Length
                    && OutsideUntouched(buffer, written)
                    && MotionCommandCodec.Decode(buffer, Pad, written, out MotionCommand decoded) == FrameError.None
                    && PayloadGen.Same(value, decoded);
            });
        }

        [Theory]
        [InlineData(0x7F800000u)] // +infinity
        [InlineData(0xFF800000u)] // -infinity
        [InlineData(0x7FC00000u)] // quiet NaN
        [InlineData(0xFF800001u)] // signalling NaN, sign set
        public void A_non_finite_velocity_in_any_component_is_refused(uint bits)
        {
            for (int component = 0; component < 6; component++)
            {
                byte[] payload = FromHex(PayloadVectorTests.MotionCommandHex);
                BigEndian.WriteUInt32(payload, 5 + (4 * component), bits);
                Assert.Equal(FrameError.FieldOutOfRange, MotionCommandCodec.Decode(payload, 0, payload.Length, out MotionCommand decoded));
                Assert.Equal(0u, decoded.Sequence);
            }
        }

        [Theory]
        [InlineData(0x7F7FFFFFu)] // largest finite
        [InlineData(0x00000001u)] // smallest subnormal
        [InlineData(0x80000000u)] // negative zero
        public void Extreme_finite_velocities_are_accepted(uint bits)
        {
            float v = BitConverter.UInt32BitsToSingle(bits);
            var value = new MotionCommand(7, new Vector3F(v, v, v), new Vector3F(v, v, v), 100);
            byte[] buffer = new byte[MotionCommandCodec.Length];
            Assert.Equal(FrameError.None, MotionCommandCodec.Encode(value, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.None, MotionCommandCodec.Decode(buffer, 0, buffer.Length, out MotionCommand decoded));
            Assert.Equal(bits, BitConverter.SingleToUInt32Bits(decoded.Angular.Z));
        }

        [Fact]
        public void Stop_is_duration_zero_with_zero_velocities()
        {
            MotionCommand stop = MotionCommand.Stop(42);
            Assert.True(stop.IsStop);
            Assert.False(new MotionCommand(1, default(Vector3F), default(Vector3F), 1).IsStop);
            byte[] buffer = new byte[MotionCommandCodec.Length];
            Assert.Equal(FrameError.None, MotionCommandCodec.Encode(stop, buffer, 0, buffer.Length, out _));
            Assert.Equal("010000002a" + new string('0', 48) + "00000000", ToHex(buffer, 0, buffer.Length));
        }

        [Fact]
        public void Encoder_refuses_a_short_destination_without_writing()
        {
            byte[] buffer = Padded(MotionCommandCodec.Length);
            Assert.Equal(FrameError.BufferTooSmall, MotionCommandCodec.Encode(MotionCommand.Stop(1), buffer, Pad, 32, out int written));
            Assert.Equal(0, written);
            Assert.True(OutsideUntouched(buffer, 0));
        }
    }
}

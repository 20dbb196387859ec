using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Wire
{
    public sealed class FrameCodecTests
    {
        private static byte[] Vector1()
        {
            return Hex.Parse(WireFormatVectorTests.Vector1)!;
        }

        [Fact]
        public void Encode_copies_the_payload_and_zeroes_the_trailer()
        {
            FrameHeader header = WireFormatVectorTests.Header2();
            byte[] payload = { 0xde, 0xad, 0xbe, 0xef };
            byte[] buffer = new byte[100];
            buffer.AsSpan().Fill(0x55);
            Assert.Equal(FrameError.None, FrameCodec.Encode(ref header, payload, 0, 4, buffer, 10, 90, out int written));
            Assert.Equal(38 + 4 + 16, written);
            Assert.Equal(payload, buffer[48..52]);
            Assert.All(buffer[52..68], b => Assert.Equal(0, b));
            Assert.Equal(0x55, buffer[68]);
            Assert.Equal(0x55, buffer[9]);
        }

        [Fact]
        public void Several_frames_in_one_datagram_decode_one_after_another()
        {
            byte[] a = Vector1();
            byte[] b = Hex.Parse(WireFormatVectorTests.Vector2)!;
            byte[] datagram = new byte[a.Length + b.Length];
            a.CopyTo(datagram, 0);
            b.CopyTo(datagram, a.Length);
            Assert.Equal(FrameError.None, FrameCodec.Decode(datagram, 0, datagram.Length, out FrameHeader first));
            Assert.Equal(a.Length, first.FrameLength);
            Assert.Equal(FrameError.None, FrameCodec.Decode(datagram, first.FrameLength, datagram.Length - first.FrameLength, out FrameHeader second));
            Assert.Equal(FrameKind.Direct, second.Kind);
            Assert.Equal(FrameError.LengthMismatch, FrameCodec.DecodeExact(datagram, 0, datagram.Length, 1024, out _));
        }

        [Theory]
        [InlineData(0, 0x02, FrameError.UnsupportedVersion)]
        [InlineData(0, 0x00, FrameError.UnsupportedVersion)]
        [InlineData(1, 0x08, FrameError.ReservedFlags)]
        [InlineData(1, 0x80, FrameError.ReservedFlags)]
        [InlineData(2, 0x60, FrameError.UnknownKind)]
        [InlineData(2, 0xF0, FrameError.UnknownKind)]
        [InlineData(2, 0x0C, FrameError.UnknownSecurityMode)]
        [InlineData(3, 0x34, FrameError.HopCountExceedsLimit)]
        [InlineData(3, 0x01, FrameError.HopCountExceedsLimit)]
        public void Out_of_range_header_fields_are_rejected(int offset, byte value, FrameError expected)
        {
            byte[] frame = Vector1();
            frame[offset] = value;
            Assert.Equal(expected, FrameCodec.Decode(frame, 0, frame.Length, out FrameHeader header));
            Assert.Equal(default, header);
        }

        [Fact]
        public void Every_truncation_is_reported_as_truncated()
        {
            byte[] frame = Vector1();
            for (int length = 0; length < frame.Length; length++)
            {
                Assert.Equal(FrameError.Truncated, FrameCodec.Decode(frame, 0, length, out _));
            }
        }

        [Fact]
        public void A_length_field_larger_than_the_receivers_limit_is_refused_before_reading_the_payload()
        {
            byte[] frame = Vector1();
            frame[36] = 0xFF;
            frame[37] = 0xFF;
            Assert.Equal(FrameError.PayloadTooLarge, FrameCodec.Decode(frame, 0, frame.Length, 1024, out _));
            Assert.Equal(FrameError.Truncated, FrameCodec.Decode(frame, 0, frame.Length, out _));
        }

        [Fact]
        public void Caller_ranges_outside_the_buffer_are_invalid_arguments_not_exceptions()
        {
            byte[] frame = Vector1();
            Assert.Equal(FrameError.InvalidArgument, FrameCodec.Decode(frame, -1, 10, out _));
            Assert.Equal(FrameError.InvalidArgument, FrameCodec.Decode(frame, 10, frame.Length, out _));
            Assert.Equal(FrameError.InvalidArgument, FrameCodec.Decode(null!, 0, 0, out _));
            FrameHeader header = WireFormatVectorTests.Header1();
            Assert.Equal(FrameError.InvalidArgument, FrameCodec.EncodeHeader(ref header, frame, 40, 10));
        }

        [Fact]
        public void Encoding_refuses_values_that_do_not_fit_their_fields()
        {
            byte[] buffer = new byte[200];
            FrameHeader header = WireFormatVectorTests.Header1();
            header.HopLimit = 16;
            Assert.Equal(FrameError.FieldOutOfRange, FrameCodec.EncodeHeader(ref header, buffer, 0, buffer.Length));
            header = WireFormatVectorTests.Header1();
            header.TimestampMs = WireFormat.MaxTimestampMs + 1;
            Assert.Equal(FrameError.FieldOutOfRange, FrameCodec.EncodeHeader(ref header, buffer, 0, buffer.Length));
            header = WireFormatVectorTests.Header1();
            header.HopCount = 4;
            Assert.Equal(FrameError.HopCountExceedsLimit, FrameCodec.EncodeHeader(ref header, buffer, 0, buffer.Length));
            header = WireFormatVectorTests.Header1();
            header.Flags = 0x10;
            Assert.Equal(FrameError.ReservedFlags, FrameCodec.EncodeHeader(ref header, buffer, 0, buffer.Length));
            header = WireFormatVectorTests.Header1();
            Assert.Equal(FrameError.BufferTooSmall, FrameCodec.EncodeHeader(ref header, buffer, 0, 43));
        }

        [Fact]
        public void Relays_increment_the_hop_count_until_the_limit()
        {
            byte[] frame = Vector1();
            Assert.True(FrameCodec.TryIncrementHopCount(frame, 0));
            Assert.True(FrameCodec.TryIncrementHopCount(frame, 0));
            Assert.True(FrameCodec.TryIncrementHopCount(frame, 0));
            Assert.False(FrameCodec.TryIncrementHopCount(frame, 0));
            Assert.Equal(FrameError.None, FrameCodec.Decode(frame, 0, frame.Length, out FrameHeader header));
            Assert.Equal(3, header.HopCount);
        }
    }
}

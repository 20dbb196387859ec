using System.Text;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class TextCodecTests
    {
        [Fact]
        public void Any_string_round_trips_with_lone_surrogates_as_U_FFFD()
        {
            PayloadGen.Check(PayloadGen.AnyString, text =>
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(text); // .NET also writes U+FFFD for lone surrogates
                byte[] buffer = Padded(1 + utf8.Length);
                return TextCodec.Encode(text, buffer, Pad, 1 + utf8.Length, out int written) == FrameError.None
                    && written == 1 + utf8.Length
                    && OutsideUntouched(buffer, written)
                    && TextCodec.Decode(buffer, Pad, written, out TextView view) == FrameError.None
                    && view.TextOffset == Pad + 1
                    && view.TextLength == utf8.Length
                    && view.ToDisplayString() == Encoding.UTF8.GetString(utf8);
            }, 5000);
        }

        [Fact]
        public void Empty_text_is_the_version_byte_alone()
        {
            byte[] buffer = new byte[1];
            Assert.Equal(FrameError.None, TextCodec.Encode(string.Empty, buffer, 0, 1, out int written));
            Assert.Equal(1, written);
            Assert.Equal(FrameError.None, TextCodec.Decode(buffer, 0, 1, out TextView view));
            Assert.Equal(0, view.TextLength);
            Assert.Equal(string.Empty, view.ToDisplayString());
        }

        [Theory]
        [InlineData("01c0af")]
        [InlineData("01eda080")]
        [InlineData("014f4b20c3a9e29c93f09fa4")] // the vector cut inside its last sequence
        [InlineData("0180")]
        public void Ill_formed_text_is_a_malformed_payload(string hex)
        {
            byte[] payload = FromHex(hex);
            Assert.Equal(FrameError.MalformedPayload, TextCodec.Decode(payload, 0, payload.Length, out TextView view));
            Assert.Null(view.Buffer);
        }

        [Fact]
        public void EncodeUtf8_copies_well_formed_text_and_refuses_the_rest()
        {
            byte[] source = FromHex(PayloadVectorTests.TextHex);
            byte[] buffer = new byte[32];
            Assert.Equal(FrameError.None, TextCodec.EncodeUtf8(source, 1, source.Length - 1, buffer, 0, buffer.Length, out int written));
            Assert.Equal(PayloadVectorTests.TextHex, ToHex(buffer, 0, written));
            Assert.Equal(FrameError.MalformedPayload, TextCodec.EncodeUtf8(source, 1, source.Length - 2, buffer, 0, buffer.Length, out written));
            Assert.Equal(0, written);
            Assert.Equal(FrameError.InvalidArgument, TextCodec.EncodeUtf8(source, 1, source.Length, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.BufferTooSmall, TextCodec.EncodeUtf8(source, 1, source.Length - 1, buffer, 0, 12, out _));
        }

        [Fact]
        public void Encoder_refuses_null_text_short_buffers_and_texts_no_frame_can_carry()
        {
            byte[] buffer = new byte[70000];
            Assert.Equal(FrameError.InvalidArgument, TextCodec.Encode(null!, buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.BufferTooSmall, TextCodec.Encode("abc", buffer, 0, 3, out _));
            Assert.Equal(FrameError.None, TextCodec.Encode(new string('x', TextCodec.MaxTextLength), buffer, 0, buffer.Length, out int written));
            Assert.Equal(65535, written);
            Assert.Equal(FrameError.FieldOutOfRange, TextCodec.Encode(new string('x', TextCodec.MaxTextLength + 1), buffer, 0, buffer.Length, out _));
            Assert.Equal(FrameError.FieldOutOfRange, TextCodec.EncodeUtf8(buffer, 0, 65535, new byte[70000], 0, 70000, out _));
        }
    }
}

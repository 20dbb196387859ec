using System.Text;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>The hand-written UTF-8 code checked against .NET's own strict encoder and decoder.</summary>
    public sealed class Utf8Tests
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        /// <summary>Bytes biased towards lead and continuation bytes, so well-formed and ill-formed runs both occur.</summary>
        private static readonly Gen<byte[]> Utf8ish =
            Gen.Frequency(
                (1, PayloadGen.Byte),
                (2, Gen.Elements<byte>(0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF)),
                (3, Gen.Choose(0x80, 0xBF).Select(v => (byte)v)))
            .ArrayOf();

        [Fact]
        public void IsWellFormed_agrees_with_the_strict_dotnet_decoder()
        {
            PayloadGen.Check(Utf8ish, bytes => Utf8.IsWellFormed(bytes, 0, bytes.Length) == StrictlyDecodes(bytes), 20000);
        }

        [Fact]
        public void GetString_replaces_like_dotnet_does()
        {
            PayloadGen.Check(Utf8ish, bytes => Utf8.GetString(bytes, 0, bytes.Length) == Encoding.UTF8.GetString(bytes), 20000);
        }

        [Fact]
        public void Encoding_any_string_matches_dotnet_including_lone_surrogates()
        {
            PayloadGen.Check(PayloadGen.AnyString, text =>
            {
                byte[] expected = Encoding.UTF8.GetBytes(text);
                byte[] buffer = new byte[expected.Length];
                return Utf8.GetByteCount(text) == expected.Length
                    && Utf8.Encode(text, buffer, 0, buffer.Length, out int written) == FrameError.None
                    && written == expected.Length
                    && buffer.AsSpan().SequenceEqual(expected);
            }, 5000);
        }

        [Theory]
        [InlineData("c0af")] // overlong '/'
        [InlineData("e080af")] // overlong, 3 bytes
        [InlineData("f08080af")] // overlong, 4 bytes
        [InlineData("eda080")] // surrogate U+D800
        [InlineData("edbfbf")] // surrogate U+DFFF
        [InlineData("f4908080")] // U+110000
        [InlineData("f5808080")]
        [InlineData("80")] // stray continuation
        [InlineData("c3")] // cut at the end
        [InlineData("e29c")]
        [InlineData("f09fa4")]
        [InlineData("c328")] // lead followed by ASCII
        [InlineData("fe")]
        [InlineData("ff")]
        public void Ill_formed_sequences_are_refused(string hex)
        {
            byte[] bytes = PayloadTestSupport.FromHex(hex);
            Assert.False(Utf8.IsWellFormed(bytes, 0, bytes.Length));
        }

        [Theory]
        [InlineData("")]
        [InlineData("00")] // U+0000 is allowed
        [InlineData("7f")]
        [InlineData("c280")] // U+0080
        [InlineData("dfbf")] // U+07FF
        [InlineData("e0a080")] // U+0800
        [InlineData("ed9fbf")] // U+D7FF
        [InlineData("ee8080")] // U+E000
        [InlineData("efbfbd")] // U+FFFD
        [InlineData("f0908080")] // U+10000
        [InlineData("f48fbfbf")] // U+10FFFF
        public void Boundary_scalars_are_accepted(string hex)
        {
            byte[] bytes = PayloadTestSupport.FromHex(hex);
            Assert.True(Utf8.IsWellFormed(bytes, 0, bytes.Length));
        }

        [Fact]
        public void Encode_refuses_a_short_buffer_without_writing_and_bad_arguments()
        {
            byte[] buffer = new byte[3];
            Assert.Equal(FrameError.BufferTooSmall, Utf8.Encode("\u2713!", buffer, 0, 3, out int written));
            Assert.Equal(0, written);
            Assert.Equal(new byte[3], buffer);
            Assert.Equal(FrameError.BufferTooSmall, Utf8.Encode("abcd", buffer, 0, 3, out _));
            Assert.Equal(FrameError.None, Utf8.Encode("abc", buffer, 0, 3, out written));
            Assert.Equal(3, written);
            Assert.Equal(FrameError.InvalidArgument, Utf8.Encode(null!, buffer, 0, 3, out _));
            Assert.Equal(FrameError.InvalidArgument, Utf8.Encode("a", buffer, 2, 2, out _));
            Assert.False(Utf8.IsWellFormed(buffer, 2, 2));
            Assert.Equal(string.Empty, Utf8.GetString(buffer, 2, 2));
            Assert.Equal(0, Utf8.GetByteCount(null!));
        }

        [Theory]
        [InlineData("41c3a9e29c93f09fa496", 4, 3)] // "A é ✓": 4 would cut the ✓, so 3
        [InlineData("41c3a9e29c93f09fa496", 6, 6)]
        [InlineData("41c3a9e29c93f09fa496", 9, 6)] // would cut the 🤖
        [InlineData("41c3a9e29c93f09fa496", 10, 10)]
        [InlineData("41c3a9e29c93f09fa496", 50, 10)]
        [InlineData("f09fa496", 3, 0)]
        public void PrefixLength_never_cuts_a_sequence(string hex, int maxBytes, int expected)
        {
            byte[] bytes = PayloadTestSupport.FromHex(hex);
            Assert.Equal(expected, Utf8.PrefixLength(bytes, 0, bytes.Length, maxBytes));
        }

        private static bool StrictlyDecodes(byte[] bytes)
        {
            try
            {
                Strict.GetCharCount(bytes);
                return true;
            }
            catch (DecoderFallbackException)
            {
                return false;
            }
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Link.LinkTestData;

namespace EdgeMesh.Protocol.Tests.Link
{
    public sealed class CobsCodecTests
    {
        /// <summary>The vectors of docs/link-framing.md §2.2 (encodings without the delimiter).</summary>
        public static IEnumerable<object[]> Vectors()
        {
            yield return new object[] { "empty", Array.Empty<byte>(), Hex("01") };
            yield return new object[] { "00", Hex("00"), Hex("01 01") };
            yield return new object[] { "00 00", Hex("00 00"), Hex("01 01 01") };
            yield return new object[] { "00 11 00", Hex("00 11 00"), Hex("01 02 11 01") };
            yield return new object[] { "11 22 00 33", Hex("11 22 00 33"), Hex("03 11 22 02 33") };
            yield return new object[] { "11 22 33 44", Hex("11 22 33 44"), Hex("05 11 22 33 44") };
            yield return new object[] { "11 00 00 00", Hex("11 00 00 00"), Hex("02 11 01 01 01") };
            yield return new object[] { "01..FE", Run(0x01, 0xFE), Concat(Hex("FF"), Run(0x01, 0xFE)) };
            yield return new object[] { "00..FE", Run(0x00, 0xFE), Concat(Hex("01 FF"), Run(0x01, 0xFE)) };
            yield return new object[] { "01..FF", Run(0x01, 0xFF), Concat(Hex("FF"), Run(0x01, 0xFE), Hex("02 FF")) };
            yield return new object[] { "02..FF 00", Concat(Run(0x02, 0xFF), Hex("00")), Concat(Hex("FF"), Run(0x02, 0xFF), Hex("01 01")) };
            yield return new object[] { "03..FF 00 01", Concat(Run(0x03, 0xFF), Hex("00 01")), Concat(Hex("FE"), Run(0x03, 0xFF), Hex("02 01")) };
        }

        [Theory]
        [MemberData(nameof(Vectors))]
        public void Encodes_known_vectors_byte_for_byte(string name, byte[] data, byte[] encoded)
        {
            Assert.NotNull(name);
            byte[] output = new byte[CobsCodec.MaxEncodedLength(data.Length) + 4];
            Assert.Equal(FrameError.None, CobsCodec.Encode(data, 0, data.Length, output, 2, output.Length - 2, out int written));
            Assert.Equal(encoded, output.AsSpan(2, written).ToArray());
        }

        [Theory]
        [MemberData(nameof(Vectors))]
        public void Decodes_known_vectors_byte_for_byte(string name, byte[] data, byte[] encoded)
        {
            Assert.NotNull(name);
            byte[] output = new byte[encoded.Length];
            Assert.Equal(FrameError.None, CobsCodec.Decode(encoded, 0, encoded.Length, output, 0, output.Length, out int written));
            Assert.Equal(data, output.AsSpan(0, written).ToArray());
        }

        [Theory]
        [InlineData(0, 1)]
        [InlineData(1, 2)]
        [InlineData(253, 254)]
        [InlineData(254, 255)]
        [InlineData(255, 257)]
        [InlineData(508, 510)]
        [InlineData(509, 512)]
        public void Max_encoded_length_is_one_byte_per_254_plus_one(int length, int expected)
        {
            Assert.Equal(expected, CobsCodec.MaxEncodedLength(length));
        }

        [Fact]
        public void Worst_case_input_fills_max_encoded_length_exactly()
        {
            byte[] data = new byte[1000];
            Array.Fill(data, (byte)0x5A);
            byte[] output = new byte[CobsCodec.MaxEncodedLength(data.Length)];
            Assert.Equal(FrameError.None, CobsCodec.Encode(data, 0, data.Length, output, 0, output.Length, out int written));
            Assert.Equal(output.Length, written);
        }

        [Fact]
        public void Encode_needs_room_for_the_worst_case()
        {
            byte[] data = Hex("00 00 00");
            byte[] output = new byte[8];
            Assert.Equal(FrameError.BufferTooSmall, CobsCodec.Encode(data, 0, 3, output, 0, 3, out int written));
            Assert.Equal(0, written);
            Assert.Equal(FrameError.InvalidArgument, CobsCodec.Encode(data, 2, 3, output, 0, 8, out _));
            Assert.Equal(FrameError.InvalidArgument, CobsCodec.Encode(data, 0, 3, output, 6, 4, out _));
        }

        [Theory]
        [InlineData("", FrameError.Truncated)]
        [InlineData("00", FrameError.BadLinkEncoding)]
        [InlineData("03 11 00", FrameError.BadLinkEncoding)]
        [InlineData("02 11 00 01", FrameError.BadLinkEncoding)]
        [InlineData("05 11 22", FrameError.BadLinkEncoding)]
        [InlineData("02 11 03 22", FrameError.BadLinkEncoding)]
        public void Rejects_invalid_encodings(string hex, FrameError expected)
        {
            byte[] input = Hex(hex);
            byte[] output = new byte[16];
            Assert.Equal(expected, CobsCodec.Decode(input, 0, input.Length, output, 0, output.Length, out int written));
            Assert.Equal(0, written);
        }

        [Fact]
        public void Decode_reports_a_small_destination_and_writes_nothing_past_it()
        {
            byte[] input = Hex("05 11 22 33 44 01");
            byte[] output = new byte[8];
            Array.Fill(output, (byte)0xEE);
            Assert.Equal(FrameError.BufferTooSmall, CobsCodec.Decode(input, 0, input.Length, output, 0, 4, out int written));
            Assert.Equal(0, written);
            Assert.All(output.AsSpan(4).ToArray(), b => Assert.Equal(0xEE, b));
            Assert.Equal(FrameError.None, CobsCodec.Decode(input, 0, input.Length, output, 0, 5, out written));
            Assert.Equal(Hex("11 22 33 44 00"), output.AsSpan(0, written).ToArray());
        }

        [Fact]
        public void Decodes_in_place()
        {
            byte[] data = Concat(Run(0x00, 0xFE), Hex("00 00 07"), Run(0x01, 0xFF));
            byte[] buffer = new byte[CobsCodec.MaxEncodedLength(data.Length)];
            Assert.Equal(FrameError.None, CobsCodec.Encode(data, 0, data.Length, buffer, 0, buffer.Length, out int encoded));
            Assert.Equal(FrameError.None, CobsCodec.Decode(buffer, 0, encoded, buffer, 0, buffer.Length, out int decoded));
            Assert.Equal(data, buffer.AsSpan(0, decoded).ToArray());
        }

        [Fact]
        public void Accepts_a_closing_code_after_a_full_block()
        {
            // Encoders that always close the last block write FF + 254 bytes + 01; it means the same data.
            byte[] input = Concat(Hex("FF"), Run(0x01, 0xFE), Hex("01"));
            byte[] output = new byte[input.Length];
            Assert.Equal(FrameError.None, CobsCodec.Decode(input, 0, input.Length, output, 0, output.Length, out int written));
            Assert.Equal(Run(0x01, 0xFE), output.AsSpan(0, written).ToArray());
        }
    }
}

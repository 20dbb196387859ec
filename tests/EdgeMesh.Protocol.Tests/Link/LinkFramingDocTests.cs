using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Link.LinkTestData;

namespace EdgeMesh.Protocol.Tests.Link
{
    /// <summary>The examples in docs/link-framing.md are what the code produces.</summary>
    public sealed class LinkFramingDocTests
    {
        private static readonly string Doc = RepositoryDocs.ReadCompact("link-framing.md");

        [Theory]
        [InlineData("00")]
        [InlineData("00 00")]
        [InlineData("00 11 00")]
        [InlineData("11 22 00 33")]
        [InlineData("11 22 33 44")]
        [InlineData("11 00 00 00")]
        public void Cobs_table_rows_match_the_encoder(string data)
        {
            AssertDocContains("|`" + Compact(data) + "`|`" + Convert.ToHexString(Cobs(Hex(data))) + "`|");
        }

        [Fact]
        public void Cobs_table_row_for_empty_input_matches_the_encoder()
        {
            AssertDocContains("|(empty)|`" + Convert.ToHexString(Cobs(Array.Empty<byte>())) + "`|");
        }

        [Fact]
        public void Record_examples_match_the_framer()
        {
            AssertDocContains("`" + Convert.ToHexString(Record(Hex("01 00 02"))) + "`");
            AssertDocContains(Convert.ToHexString(Record(Hex(StreamFramingTests.BeaconFrameHex))));
            AssertDocContains(StreamFramingTests.BeaconFrameHex);
            AssertDocContains("CRC0x" + Crc16Ccitt.Compute(Hex(StreamFramingTests.BeaconFrameHex), 0, 38).ToString("X4"));
        }

        [Fact]
        public void Fragment_example_matches_the_fragmenter()
        {
            var packets = Packets(new Fragmenter(32, 0x1234), Run(0x01, 0x3C));
            foreach (byte[] packet in packets)
            {
                // Rows read "F1 12 34 00 03 01..1B": the header, then the first and last data byte.
                string row = Convert.ToHexString(packet, 0, FragmentFormat.HeaderLength)
                    + packet[FragmentFormat.HeaderLength].ToString("X2") + ".." + packet[^1].ToString("X2")
                    + packet.Length + "bytes";
                AssertDocContains(row);
            }
        }

        private static byte[] Cobs(byte[] data)
        {
            byte[] encoded = new byte[CobsCodec.MaxEncodedLength(data.Length)];
            Assert.Equal(FrameError.None, CobsCodec.Encode(data, 0, data.Length, encoded, 0, encoded.Length, out int written));
            return encoded.AsSpan(0, written).ToArray();
        }

        private static string Compact(string text)
        {
            return text.Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        private static void AssertDocContains(string text)
        {
            Assert.Contains(Compact(text).ToUpperInvariant(), Doc.ToUpperInvariant(), StringComparison.Ordinal);
        }
    }
}

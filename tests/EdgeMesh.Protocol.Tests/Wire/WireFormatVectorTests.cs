using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Wire
{
    /// <summary>The hex vectors of docs/wire-format.md §5, byte for byte in both directions.</summary>
    public sealed class WireFormatVectorTests
    {
        internal const string Vector1 =
            "0100023001020304050607080000000000000001019aa4b64500882906f381773e2f000400060168656c6c6f";

        internal const string Vector2 =
            "01011562a1b2c3d4e5f607180000000100000002019aa4b6457b112233445566778800000004deadbeef"
            + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";

        internal const string Vector3 =
            "01044800fedcba9876543210ffffffffffffffffffffffffffff000000000000000080010000"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";

        internal static FrameHeader Header1()
        {
            return new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = SecurityMode.None,
                Priority = Priority.Telemetry,
                HopLimit = 3,
                HopCount = 0,
                Sender = new NodeId(0x0102030405060708),
                Sequence = 1,
                TimestampMs = 1_763_700_000_000,
                Destination = TopicId.FromName("fleet/telemetry"),
                PayloadType = 4,
                PayloadLength = 6,
            };
        }

        internal static FrameHeader Header2()
        {
            return new FrameHeader
            {
                Flags = FrameFlags.AckRequested,
                Kind = FrameKind.Direct,
                Security = SecurityMode.Mac,
                Priority = Priority.Motion,
                HopLimit = 6,
                HopCount = 2,
                Sender = new NodeId(0xa1b2c3d4e5f60718),
                Sequence = 0x0000000100000002,
                TimestampMs = 1_763_700_000_123,
                Destination = 0x1122334455667788,
                PayloadType = 0,
                PayloadLength = 4,
            };
        }

        internal static FrameHeader Header3()
        {
            return new FrameHeader
            {
                Flags = FrameFlags.NoRelay,
                Kind = FrameKind.Beacon,
                Security = SecurityMode.Signature,
                Priority = Priority.Control,
                Sender = new NodeId(0xfedcba9876543210),
                Sequence = ulong.MaxValue,
                TimestampMs = WireFormat.MaxTimestampMs,
                Destination = 0,
                PayloadType = 0x8001,
                PayloadLength = 0,
            };
        }

        public static TheoryData<int> Vectors => new TheoryData<int> { 1, 2, 3 };

        [Theory]
        [MemberData(nameof(Vectors))]
        public void Encoding_the_header_reproduces_the_vector(int vector)
        {
            byte[] expected = Hex.Parse(VectorHex(vector))!;
            FrameHeader header = HeaderOf(vector);
            byte[] actual = new byte[expected.Length];

            // The payload and trailer are copied from the vector; the header must be ours byte for byte.
            Array.Copy(expected, WireFormat.HeaderLength, actual, WireFormat.HeaderLength, expected.Length - WireFormat.HeaderLength);
            Assert.Equal(FrameError.None, FrameCodec.EncodeHeader(ref header, actual, 0, actual.Length));
            Assert.Equal(VectorHex(vector), Hex.Format(actual, 0, actual.Length));
            Assert.Equal(expected.Length, header.FrameLength);
        }

        [Theory]
        [MemberData(nameof(Vectors))]
        public void Decoding_the_vector_gives_every_field(int vector)
        {
            byte[] bytes = Hex.Parse(VectorHex(vector))!;
            FrameHeader expected = HeaderOf(vector);
            Assert.Equal(FrameError.None, FrameCodec.DecodeExact(bytes, 0, bytes.Length, WireFormat.MaxPayloadLength, out FrameHeader actual));
            Assert.Equal(expected, actual);
        }

        [Theory]
        [MemberData(nameof(Vectors))]
        public void The_document_shows_the_same_vector(int vector)
        {
            Assert.Contains(VectorHex(vector), RepositoryDocs.ReadCompact("wire-format.md"), StringComparison.Ordinal);
        }

        [Fact]
        public void Topic_ids_are_fnv1a_64_of_utf8()
        {
            Assert.Equal(0xcbf29ce484222325UL, TopicId.FromName(string.Empty));
            Assert.Equal(0xaf63dc4c8601ec8cUL, TopicId.FromName("a"));
            Assert.Equal(0x882906f381773e2fUL, TopicId.FromName("fleet/telemetry"));
            string nonAscii = "robots/\u00e9t\u00e9/\U0001F916";
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(nonAscii);
            Assert.Equal(TopicId.FromUtf8(utf8, 0, utf8.Length), TopicId.FromName(nonAscii));
        }

        private static string VectorHex(int vector)
        {
            return vector switch { 1 => Vector1, 2 => Vector2, _ => Vector3 };
        }

        private static FrameHeader HeaderOf(int vector)
        {
            return vector switch { 1 => Header1(), 2 => Header2(), _ => Header3() };
        }
    }
}

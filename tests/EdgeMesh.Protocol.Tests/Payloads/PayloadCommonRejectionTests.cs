using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    /// <summary>
    /// The checks every versioned payload shares (docs/payloads.md §1.3), run against each payload
    /// type through <see cref="PayloadValidator"/>, which dispatches to the type's decoder.
    /// </summary>
    public sealed class PayloadCommonRejectionTests
    {
        public static TheoryData<ushort, string> VersionedVectors { get; } = new TheoryData<ushort, string>
        {
            { PayloadType.Heartbeat, PayloadVectorTests.HeartbeatHex },
            { PayloadType.MotionCommand, PayloadVectorTests.MotionCommandHex },
            { PayloadType.Telemetry, PayloadVectorTests.TelemetryHex },
            { PayloadType.Text, PayloadVectorTests.TextHex },
            { PayloadType.LlmRequest, PayloadVectorTests.LlmChunkHex },
            { PayloadType.LlmResponse, PayloadVectorTests.LlmChunkHex },
        };

        /// <summary>Layouts whose length is fully determined by their first bytes.</summary>
        public static TheoryData<ushort, string> SizedVectors { get; } = new TheoryData<ushort, string>
        {
            { PayloadType.Heartbeat, PayloadVectorTests.HeartbeatHex },
            { PayloadType.MotionCommand, PayloadVectorTests.MotionCommandHex },
            { PayloadType.Telemetry, PayloadVectorTests.TelemetryHex },
        };

        [Theory]
        [MemberData(nameof(VersionedVectors))]
        public void The_vector_is_accepted_at_any_offset(ushort type, string hex)
        {
            byte[] padded = PaddedCopy(FromHex(hex));
            Assert.Equal(FrameError.None, PayloadValidator.Validate(type, padded, Pad, padded.Length - (2 * Pad)));
        }

        [Theory]
        [MemberData(nameof(VersionedVectors))]
        public void A_range_outside_the_array_is_an_invalid_argument(ushort type, string hex)
        {
            byte[] payload = FromHex(hex);
            Assert.Equal(FrameError.InvalidArgument, PayloadValidator.Validate(type, null!, 0, 0));
            Assert.Equal(FrameError.InvalidArgument, PayloadValidator.Validate(type, payload, -1, payload.Length));
            Assert.Equal(FrameError.InvalidArgument, PayloadValidator.Validate(type, payload, 0, -1));
            Assert.Equal(FrameError.InvalidArgument, PayloadValidator.Validate(type, payload, 1, payload.Length));
            Assert.Equal(FrameError.InvalidArgument, PayloadValidator.Validate(type, payload, payload.Length + 1, 0));
        }

        [Theory]
        [MemberData(nameof(VersionedVectors))]
        public void An_empty_payload_is_truncated(ushort type, string hex)
        {
            Assert.Equal(FrameError.Truncated, PayloadValidator.Validate(type, FromHex(hex), 0, 0));
        }

        [Theory]
        [MemberData(nameof(VersionedVectors))]
        public void Another_layout_version_is_rejected_before_the_length_is_judged(ushort type, string hex)
        {
            byte[] payload = FromHex(hex);
            foreach (byte version in new byte[] { 0, 2, 0x80, 0xFF })
            {
                payload[0] = version;
                Assert.Equal(FrameError.UnsupportedPayloadVersion, PayloadValidator.Validate(type, payload, 0, payload.Length));
                Assert.Equal(FrameError.UnsupportedPayloadVersion, PayloadValidator.Validate(type, payload, 0, 1));
            }
        }

        [Theory]
        [MemberData(nameof(SizedVectors))]
        public void Every_shorter_prefix_is_truncated(ushort type, string hex)
        {
            byte[] payload = FromHex(hex);
            for (int length = 1; length < payload.Length; length++)
            {
                Assert.Equal(FrameError.Truncated, PayloadValidator.Validate(type, payload, 0, length));
            }
        }

        [Theory]
        [MemberData(nameof(SizedVectors))]
        public void Trailing_bytes_are_a_length_mismatch(ushort type, string hex)
        {
            byte[] payload = FromHex(hex + "00");
            Assert.Equal(FrameError.LengthMismatch, PayloadValidator.Validate(type, payload, 0, payload.Length));
        }

        [Fact]
        public void Llm_chunks_shorter_than_their_header_are_truncated()
        {
            byte[] payload = FromHex(PayloadVectorTests.LlmChunkHex);
            for (int length = 1; length < LlmChunkCodec.HeaderLength; length++)
            {
                Assert.Equal(FrameError.Truncated, PayloadValidator.Validate(PayloadType.LlmResponse, payload, 0, length));
            }
        }

        [Fact]
        public void Application_types_pass_and_unregistered_core_types_are_refused()
        {
            byte[] payload = { 9, 9, 9 };
            Assert.Equal(FrameError.None, PayloadValidator.Validate(PayloadType.FirstApplicationDefined, payload, 0, 3));
            Assert.Equal(FrameError.None, PayloadValidator.Validate(0xFFFF, payload, 0, 3));
            Assert.Equal(FrameError.InvalidArgument, PayloadValidator.Validate(0xFFFF, payload, 2, 3));
            Assert.Equal(FrameError.None, PayloadValidator.Validate(PayloadType.GossipControl, payload, 0, 3));
            Assert.Equal(FrameError.WrongPayloadType, PayloadValidator.Validate(PayloadType.PublishBatch + 1, payload, 0, 3));
            Assert.Equal(FrameError.WrongPayloadType, PayloadValidator.Validate(7, payload, 0, 3));
            Assert.Equal(FrameError.WrongPayloadType, PayloadValidator.Validate(0x7FFF, payload, 0, 3));
        }
    }
}

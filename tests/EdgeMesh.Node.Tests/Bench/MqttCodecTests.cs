using System.Collections.Generic;
using EdgeMesh.Node.Bench.Mqtt;

namespace EdgeMesh.Node.Tests.Bench
{
    public sealed class MqttCodecTests
    {
        [Theory]
        [InlineData(0, new byte[] { 0x00 })]
        [InlineData(127, new byte[] { 0x7F })]
        [InlineData(128, new byte[] { 0x80, 0x01 })]
        [InlineData(16_383, new byte[] { 0xFF, 0x7F })]
        [InlineData(16_384, new byte[] { 0x80, 0x80, 0x01 })]
        [InlineData(2_097_151, new byte[] { 0xFF, 0xFF, 0x7F })]
        [InlineData(2_097_152, new byte[] { 0x80, 0x80, 0x80, 0x01 })]
        [InlineData(268_435_455, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
        public void Remaining_length_uses_the_specifications_encoding_at_every_boundary(int length, byte[] expected)
        {
            var buffer = new byte[4];
            Assert.Equal(expected.Length, MqttCodec.WriteRemainingLength(buffer, length));
            Assert.Equal(expected, buffer[..expected.Length]);
            Assert.Equal(expected.Length, MqttCodec.TryReadRemainingLength(expected, out int decoded));
            Assert.Equal(length, decoded);
            Assert.Equal(0, MqttCodec.TryReadRemainingLength(expected.AsSpan(0, expected.Length - 1), out _)); // needs more bytes
        }

        [Fact]
        public void A_fifth_length_byte_is_malformed_and_oversized_lengths_are_not_encodable()
        {
            Assert.Equal(-1, MqttCodec.TryReadRemainingLength(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, out _));
            Assert.Throws<ArgumentOutOfRangeException>(() => MqttCodec.RemainingLengthSize(MqttCodec.MaxRemainingLength + 1));
        }

        [Fact]
        public void Connect_subscribe_publish_and_empty_packets_match_the_specification_bytes()
        {
            var buffer = new byte[64];
            int n = MqttCodec.Connect(buffer, "ab", 60);
            Assert.Equal(new byte[] { 0x10, 14, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, 0, 2, (byte)'a', (byte)'b' }, buffer[..n]);

            n = MqttCodec.Subscribe(buffer, 1, "t/x");
            Assert.Equal(new byte[] { 0x82, 8, 0, 1, 0, 3, (byte)'t', (byte)'/', (byte)'x', 0 }, buffer[..n]);

            n = MqttCodec.Publish(buffer, "t"u8, new byte[] { 7, 8 });
            Assert.Equal(new byte[] { 0x30, 5, 0, 1, (byte)'t', 7, 8 }, buffer[..n]);

            Assert.Equal(2, MqttCodec.Empty(buffer, MqttPacketType.PingReq));
            Assert.Equal(new byte[] { 0xC0, 0 }, buffer[..2]);
            Assert.Equal(2, MqttCodec.Empty(buffer, MqttPacketType.Disconnect));
            Assert.Equal(new byte[] { 0xE0, 0 }, buffer[..2]);
            Assert.Equal(0, MqttCodec.Publish(new byte[6], "t"u8, new byte[] { 7, 8 })); // does not fit
        }

        [Fact]
        public void Packets_split_at_every_byte_boundary_come_out_whole_and_in_order()
        {
            var stream = new byte[20_000];
            int length = MqttCodec.Publish(stream, "a/b"u8, new byte[] { 1, 2, 3 });
            length += MqttCodec.Publish(stream.AsSpan(length), "a/b"u8, new byte[16_380]); // remaining length 16,385: three length bytes
            length += MqttCodec.Empty(stream.AsSpan(length), MqttPacketType.PingReq);
            for (int split = 1; split < length; split += split < 40 ? 1 : 997)
            {
                var reader = new MqttPacketReader(32_768);
                var types = new List<MqttPacketType>();
                var payloadLengths = new List<int>();
                foreach ((int from, int to) in new[] { (0, split), (split, length) })
                {
                    stream.AsSpan(from, to - from).CopyTo(reader.GetWriteSpace().Span);
                    reader.Advance(to - from);
                    while (reader.TryRead(out MqttPacketType type, out byte flags, out ReadOnlySpan<byte> body))
                    {
                        types.Add(type);
                        if (type == MqttPacketType.Publish)
                        {
                            Assert.True(MqttCodec.TryParsePublish(flags, body, out ReadOnlySpan<byte> topic, out ReadOnlySpan<byte> payload));
                            Assert.Equal("a/b"u8.ToArray(), topic.ToArray());
                            payloadLengths.Add(payload.Length);
                        }
                    }
                }

                Assert.Equal(new[] { MqttPacketType.Publish, MqttPacketType.Publish, MqttPacketType.PingReq }, types);
                Assert.Equal(new[] { 3, 16_380 }, payloadLengths);
                Assert.False(reader.Faulted);
            }
        }

        [Fact]
        public void A_packet_longer_than_the_buffer_or_a_malformed_length_faults_the_reader()
        {
            var reader = new MqttPacketReader(64);
            new byte[] { 0x30, 0xFF, 0x7F }.CopyTo(reader.GetWriteSpace().Span);
            reader.Advance(3);
            Assert.False(reader.TryRead(out _, out _, out _));
            Assert.True(reader.Faulted);

            reader = new MqttPacketReader(64);
            new byte[] { 0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }.CopyTo(reader.GetWriteSpace().Span);
            reader.Advance(6);
            Assert.False(reader.TryRead(out _, out _, out _));
            Assert.True(reader.Faulted);
        }

        [Fact]
        public void Publish_bodies_with_a_bad_topic_length_or_qos_above_zero_are_refused()
        {
            Assert.False(MqttCodec.TryParsePublish(0, new byte[] { 0, 5, 1 }, out _, out _));
            Assert.False(MqttCodec.TryParsePublish(0x02, new byte[] { 0, 1, 1, 0, 7 }, out _, out _));
            Assert.False(MqttCodec.TryParsePublish(0, new byte[] { 0 }, out _, out _));
        }
    }
}

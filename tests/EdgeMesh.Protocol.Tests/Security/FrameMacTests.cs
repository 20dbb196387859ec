using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Security
{
    public sealed class FrameMacTests
    {
        private static readonly byte[] SegmentKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        [Fact]
        public void Sealed_frame_verifies_and_survives_relay_hop_increments()
        {
            var mac = new FrameMac(SegmentKey, 0, SegmentKey.Length);
            byte[] frame = MakeSealedFrame(mac, payloadLength: 12, out int length);
            Assert.Equal(MacResult.Ok, mac.Verify(frame, 0, length, 1024, out FrameHeader header, out _));
            Assert.Equal(12, header.PayloadLength);
            Assert.True(FrameCodec.TryIncrementHopCount(frame, 0));
            Assert.True(FrameCodec.TryIncrementHopCount(frame, 0));
            Assert.Equal(MacResult.Ok, mac.Verify(frame, 0, length, 1024, out _, out _));
        }

        [Fact]
        public void Trailer_is_the_first_16_bytes_of_HMAC_SHA256_over_the_frame_with_hop_count_zero()
        {
            var mac = new FrameMac(SegmentKey, 0, SegmentKey.Length);
            byte[] frame = MakeSealedFrame(mac, payloadLength: 5, out int length);
            Assert.True(FrameCodec.TryIncrementHopCount(frame, 0));
            byte[] authenticated = frame.AsSpan(0, length - 16).ToArray();
            authenticated[3] &= 0xF0;
            byte[] expected = System.Security.Cryptography.HMACSHA256.HashData(SegmentKey, authenticated).AsSpan(0, 16).ToArray();
            Assert.Equal(expected, frame.AsSpan(length - 16).ToArray());
        }

        [Fact]
        public void Every_flipped_bit_outside_the_hop_count_is_rejected()
        {
            var mac = new FrameMac(SegmentKey, 0, SegmentKey.Length);
            byte[] frame = MakeSealedFrame(mac, payloadLength: 8, out int length);
            for (int bit = 0; bit < length * 8; bit++)
            {
                byte[] copy = (byte[])frame.Clone();
                copy[bit / 8] ^= (byte)(1 << (bit % 8));
                MacResult result = mac.Verify(copy, 0, length, 1024, out _, out _);
                bool hopCountBit = bit / 8 == 3 && bit % 8 < 4;
                if (hopCountBit)
                {
                    // Relays change the hop count, so it is not authenticated; it can only fail to decode.
                    Assert.True(result == MacResult.Ok || result == MacResult.Malformed, "bit " + bit + ": " + result);
                }
                else
                {
                    Assert.NotEqual(MacResult.Ok, result);
                }
            }
        }

        [Fact]
        public void Wrong_key_truncated_trailer_and_unsigned_frames_are_refused_by_reason()
        {
            var mac = new FrameMac(SegmentKey, 0, SegmentKey.Length);
            byte[] frame = MakeSealedFrame(mac, payloadLength: 8, out int length);
            byte[] otherKey = new byte[32];
            var other = new FrameMac(otherKey, 0, otherKey.Length);
            Assert.Equal(MacResult.BadMac, other.Verify(frame, 0, length, 1024, out _, out _));
            Assert.Equal(MacResult.Truncated, mac.Verify(frame, 0, length - 1, 1024, out _, out FrameError error));
            Assert.Equal(FrameError.Truncated, error);
            Assert.Equal(MacResult.Malformed, mac.Verify(frame, 0, length + 1, 1024, out _, out _));

            FrameHeader header = NewHeader(SecurityMode.None, 0);
            byte[] plain = new byte[64];
            FrameCodec.Encode(ref header, null!, 0, 0, plain, 0, plain.Length, out int plainLength);
            Assert.Equal(MacResult.NotMacFrame, mac.Verify(plain, 0, plainLength, 1024, out _, out _));
            Assert.Equal(MacResult.NotMacFrame, mac.Seal(plain, 0, plainLength, out _));
        }

        [Fact]
        public void Refuses_keys_shorter_than_128_bits()
        {
            Assert.Throws<ArgumentException>(() => new FrameMac(new byte[15], 0, 15));
        }

        [Fact]
        public void Verifying_allocates_nothing()
        {
            var mac = new FrameMac(SegmentKey, 0, SegmentKey.Length);
            byte[] frame = MakeSealedFrame(mac, payloadLength: 64, out int length);
            mac.Verify(frame, 0, length, 1024, out _, out _);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                mac.Seal(frame, 0, length, out _);
                mac.Verify(frame, 0, length, 1024, out _, out _);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void A_million_random_and_mutated_inputs_never_throw_and_only_the_original_passes()
        {
            var mac = new FrameMac(SegmentKey, 0, SegmentKey.Length);
            byte[] valid = MakeSealedFrame(mac, payloadLength: 20, out int length);
            var random = new Random(20251121);
            byte[] buffer = new byte[length + 8];
            int passed = 0;
            for (int i = 0; i < 1_000_000; i++)
            {
                int count;
                if ((i & 1) == 0)
                {
                    count = random.Next(buffer.Length + 1);
                    random.NextBytes(buffer.AsSpan(0, count));
                }
                else
                {
                    Array.Copy(valid, buffer, length);
                    count = length;
                    int flips = 1 + random.Next(3);
                    for (int f = 0; f < flips; f++)
                    {
                        int index = random.Next(length);
                        if (index != 3)
                        {
                            buffer[index] ^= (byte)(1 + random.Next(255));
                        }
                    }

                    if (random.Next(8) == 0)
                    {
                        count = random.Next(length + 1);
                    }
                }

                bool unchanged = count == length && buffer.AsSpan(0, length).SequenceEqual(valid.AsSpan(0, length));
                if (mac.Verify(buffer, 0, count, 1024, out _, out _) == MacResult.Ok && !unchanged)
                {
                    passed++;
                }
            }

            Assert.Equal(0, passed);
        }

        internal static FrameHeader NewHeader(SecurityMode security, int payloadLength)
        {
            return new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = security,
                Priority = Priority.Telemetry,
                HopLimit = 3,
                Sender = new NodeId(0x0102030405060708),
                Sequence = 9,
                TimestampMs = 1_763_700_000_000,
                Destination = TopicId.FromName("fleet/telemetry"),
                PayloadType = 3,
                PayloadLength = payloadLength,
            };
        }

        private static byte[] MakeSealedFrame(FrameMac mac, int payloadLength, out int length)
        {
            FrameHeader header = NewHeader(SecurityMode.Mac, payloadLength);
            byte[] payload = new byte[payloadLength];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)(i * 7);
            }

            byte[] frame = new byte[WireFormat.HeaderLength + payloadLength + WireFormat.MacLength];
            Assert.Equal(FrameError.None, FrameCodec.Encode(ref header, payload, 0, payloadLength, frame, 0, frame.Length, out length));
            Assert.Equal(MacResult.Ok, mac.Seal(frame, 0, length, out _));
            return frame;
        }
    }
}

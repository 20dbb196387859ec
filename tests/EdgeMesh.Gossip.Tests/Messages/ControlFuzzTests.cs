using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Tests.Messages
{
    /// <summary>Random and mutated network input must never throw: every outcome is an error that is counted.</summary>
    public sealed class ControlFuzzTests
    {
        private const int Inputs = 1_000_000;

        [Fact]
        public void Decoder_survives_random_and_mutated_frames()
        {
            var random = new Random(20240521);
            var into = new ControlMessage();
            byte[][] seeds = new byte[ControlMessages.AllTypes.Length][];
            for (int i = 0; i < seeds.Length; i++)
            {
                seeds[i] = ControlMessages.Encode(ControlMessages.Build(ControlMessages.AllTypes[i], i), new NodeId(1), new NodeId(2));
            }

            byte[] buffer = new byte[1500];
            int accepted = 0;
            int rejected = 0;
            for (int n = 0; n < Inputs; n++)
            {
                int length = Mutate(random, seeds, buffer);
                FrameError error = ControlCodec.Decode(buffer, 0, length, 1400, into, out _);
                if (error == FrameError.None)
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }

            Assert.Equal(Inputs, accepted + rejected);
            Assert.True(accepted > 1000, "mutations must keep some frames valid so the body decoders are exercised");
            Assert.True(rejected > Inputs / 10);
        }

        [Fact]
        public void Node_counts_every_bad_frame_and_keeps_working()
        {
            var random = new Random(7);
            var node = new GossipNode(new NodeId(2), new GossipOptions(), new SeededRandom(1), new FrameBufferPool(1400, 64), 0, 0);
            byte[] buffer = new byte[1500];
            byte[] garbage = new byte[200];
            long expectedRejects = 0;
            for (int n = 0; n < 200_000; n++)
            {
                random.NextBytes(garbage);
                garbage[0] = WireFormat.Version;
                int length = random.Next(garbage.Length);
                Array.Copy(garbage, buffer, length);
                FrameError error = ControlCodec.Decode(buffer, 0, length, 1400, new ControlMessage(), out _);
                node.Receive(buffer, 0, length, n);
                expectedRejects += error == FrameError.None ? 0 : 1;
                while (node.TryDequeue(out OutboundFrame f))
                {
                }
            }

            Assert.Equal(expectedRejects, node.Counters.FramesRejected);
            Assert.True(node.Counters.DecodeErrors(FrameError.Truncated) > 0);
            Assert.True(node.Counters.DecodeErrors(FrameError.UnknownKind) + node.Counters.DecodeErrors(FrameError.WrongPayloadType) > 0);
        }

        private static int Mutate(Random random, byte[][] seeds, byte[] buffer)
        {
            byte[] seed = seeds[random.Next(seeds.Length)];
            int length = seed.Length;
            Array.Copy(seed, buffer, length);
            switch (random.Next(6))
            {
                case 0: // flip bytes
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        buffer[random.Next(length)] ^= (byte)random.Next(1, 256);
                    }

                    break;
                case 1: // truncate
                    length = random.Next(length);
                    break;
                case 2: // extend with junk (frame length no longer matches)
                    int extra = random.Next(1, 64);
                    random.NextBytes(buffer.AsSpan(length, extra));
                    length += extra;
                    break;
                case 3: // mutate the payload length field
                    buffer[36] = (byte)random.Next(256);
                    buffer[37] = (byte)random.Next(256);
                    break;
                case 4: // random bytes altogether
                    length = random.Next(buffer.Length);
                    random.NextBytes(buffer.AsSpan(0, length));
                    break;
                default: // a count or length byte inside the body
                    if (length > WireFormat.HeaderLength + GossipWire.CommonLength)
                    {
                        buffer[WireFormat.HeaderLength + GossipWire.CommonLength + random.Next(Math.Min(8, length - WireFormat.HeaderLength - GossipWire.CommonLength))] = (byte)random.Next(256);
                    }

                    break;
            }

            return length;
        }
    }
}

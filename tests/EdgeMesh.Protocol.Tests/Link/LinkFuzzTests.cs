using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Tests.Fuzzing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Link
{
    /// <summary>
    /// Seeded random and mutated inputs through every link decoder: none may throw, write outside
    /// its range or let its counters disagree with what it returned.
    /// </summary>
    public sealed class LinkFuzzTests
    {
        private const int Inputs = 1_000_000;

        [Fact]
        public void Stream_deframer_survives_a_million_random_and_mutated_chunks()
        {
            var random = new Random(20240601);
            byte[][] records = new byte[256][];
            for (int i = 0; i < records.Length; i++)
            {
                byte[] frame = new byte[random.Next(1, 100)];
                LinkTestData.FillTricky(random, frame, 0, frame.Length);

                // A leading delimiter cuts off whatever noise came before.
                records[i] = LinkTestData.Concat(new byte[1], LinkTestData.Record(frame));
            }

            var mutator = new InputMutator(20240602, records);
            var deframer = new StreamDeframer(StreamFramer.MaxRecordLength(80));
            var sink = new CountingSink();
            byte[] input = new byte[160];
            long delimiters = 0;
            long delivered = 0;
            long missed = 0;
            for (int n = 0; n < Inputs; n++)
            {
                int length;
                int mode = random.Next(4);
                byte[]? clean = null;
                if (mode == 0)
                {
                    length = random.Next(0, 64);
                    LinkTestData.FillTricky(random, input, 0, length);
                }
                else if (mode == 1)
                {
                    clean = records[random.Next(records.Length)];
                    length = clean.Length;
                    Array.Copy(clean, input, length);
                }
                else
                {
                    length = mutator.Next(input);
                }

                delimiters += CountZeros(input, length);
                int split = random.Next(0, length + 1);
                int got = deframer.Push(input, 0, split, sink) + deframer.Push(input, split, length - split, sink);
                delivered += got;
                missed += clean != null && clean.Length <= deframer.MaxRecordLength + 1 && got == 0 ? 1 : 0;
            }

            Assert.Equal(delimiters, deframer.Records);
            Assert.Equal(delivered, deframer.FramesOk);
            Assert.Equal(sink.Frames, deframer.FramesOk);
            Assert.Equal(0, missed); // every clean record that fits is delivered, whatever came before
            Assert.True(deframer.BadChecksum > 0 && deframer.BadEncoding > 0 && deframer.Oversize > 0 && deframer.EmptyRecords > 0 && deframer.ShortRecords > 0);
        }

        [Fact]
        public void Cobs_decoder_survives_a_million_random_and_mutated_inputs()
        {
            var random = new Random(77);
            byte[] source = new byte[600];
            byte[] output = new byte[640];
            byte[] check = new byte[640];
            byte[] plain = new byte[160];
            var samples = new byte[64][];
            for (int i = 0; i < samples.Length; i++)
            {
                LinkTestData.FillTricky(random, plain, 0, i * 2);
                samples[i] = new byte[CobsCodec.MaxEncodedLength(i * 2)];
                CobsCodec.Encode(plain, 0, i * 2, samples[i], 0, samples[i].Length, out int written);
                Array.Resize(ref samples[i], written);
            }

            var mutator = new InputMutator(78, samples);
            const byte Guard = 0xA5;
            int successes = 0;
            for (int n = 0; n < Inputs; n++)
            {
                int length;
                int mode = random.Next(3);
                if (mode == 0)
                {
                    length = random.Next(0, 48);
                    for (int i = 0; i < length; i++)
                    {
                        source[i] = random.Next(40) == 0 ? (byte)0 : (byte)random.Next(1, 256);
                    }
                }
                else if (mode == 1)
                {
                    int plainLength = random.Next(0, plain.Length);
                    LinkTestData.FillTricky(random, plain, 0, plainLength);
                    CobsCodec.Encode(plain, 0, plainLength, source, 0, source.Length, out length);
                }
                else
                {
                    length = mutator.Next(source);
                }

                int room = random.Next(4) == 0 ? random.Next(0, length + 1) : output.Length - 8;
                Array.Fill(output, Guard, room, 8);
                FrameError error = CobsCodec.Decode(source, 0, length, output, 0, room, out int written);
                for (int i = room; i < room + 8; i++)
                {
                    Assert.Equal(Guard, output[i]);
                }

                if (error == FrameError.None)
                {
                    successes++;
                    Assert.InRange(written, 0, Math.Min(room, length - 1));
                    Assert.Equal(FrameError.None, CobsCodec.Encode(output, 0, written, check, 0, check.Length, out int reencoded));
                    Assert.Equal(FrameError.None, CobsCodec.Decode(check, 0, reencoded, check, 0, check.Length, out int again));
                    Assert.True(check.AsSpan(0, again).SequenceEqual(output.AsSpan(0, written)));
                }
                else if (error != FrameError.BadLinkEncoding && error != FrameError.BufferTooSmall && error != FrameError.Truncated)
                {
                    Assert.Fail(error.ToString());
                }
            }

            Assert.True(successes > Inputs / 4, successes.ToString());
        }

        [Theory]
        [InlineData(32)]
        [InlineData(255)]
        public void Reassembler_survives_a_million_random_and_mutated_packets(int mtu)
        {
            const int sources = 4;
            var random = new Random(mtu);
            var reassembler = new Reassembler(mtu, 3, 1024, 400);
            var fragmenters = new Fragmenter[sources];
            var packets = new byte[sources][][];
            int[] packetCounts = new int[sources];
            byte[] frame = new byte[1200];
            for (int s = 0; s < sources; s++)
            {
                fragmenters[s] = new Fragmenter(mtu, (ushort)random.Next(65536));
                packets[s] = new byte[FragmentFormat.MaxFragments][];
                for (int i = 0; i < packets[s].Length; i++)
                {
                    packets[s][i] = new byte[mtu + 2];
                }
            }

            // Mutated packets come from fragments of other datagrams under the same sources and ids.
            var pool = new System.Collections.Generic.List<byte[]>();
            for (int i = 0; i < 48; i++)
            {
                int length = random.Next(30, 1100);
                LinkTestData.FillTricky(random, frame, 0, length);
                frame[0] = WireFormat.Version;
                pool.AddRange(LinkTestData.Packets(new Fragmenter(mtu, (ushort)(i % 8)), frame.AsSpan(0, length).ToArray()));
            }

            var mutator = new InputMutator(mtu, pool.ToArray());
            byte[] scratch = new byte[mtu + 2];
            long now = 0;
            long completes = 0;
            long rejects = 0;
            for (int n = 0; n < Inputs; n++)
            {
                int s = random.Next(sources);
                if (packetCounts[s] == 0 || random.Next(40) == 0)
                {
                    int length = random.Next(1, random.Next(3) == 0 ? 1100 : 200);
                    LinkTestData.FillTricky(random, frame, 0, length);
                    frame[0] = WireFormat.Version;
                    packetCounts[s] = Fragment(fragmenters[s], frame, length, packets[s]);
                }

                byte[] chosen = packets[s][random.Next(packetCounts[s])];
                int count = PacketLength(chosen);
                int roll = random.Next(10);
                if (roll < 3)
                {
                    count = mutator.Next(scratch);
                    chosen = scratch;
                }
                else if (roll == 3)
                {
                    count = random.Next(0, scratch.Length + 1);
                    random.NextBytes(scratch);
                    scratch[0] = random.Next(2) == 0 ? FragmentFormat.FragmentMarker : scratch[0];
                    chosen = scratch;
                }

                now += random.Next(2000) == 0 ? 1000 : random.Next(0, 6); // now and then the radio goes quiet
                ReassemblyResult result = reassembler.Push((ulong)s, chosen, 0, count, now, out byte[] buffer, out int offset, out int frameLength);
                if (result == ReassemblyResult.Complete)
                {
                    completes++;
                    Assert.InRange(frameLength, 1, reassembler.MaxFrameLength);
                    Assert.InRange(offset, 0, buffer.Length - frameLength);
                }
                else if (result == ReassemblyResult.Rejected)
                {
                    rejects++;
                    Assert.Equal(0, frameLength);
                    Assert.NotEqual(ReassemblyRejection.None, reassembler.LastRejection);
                }
            }

            long byReason = 0;
            for (int r = 1; r <= (int)ReassemblyRejection.Duplicate; r++)
            {
                Assert.True(reassembler.Rejections((ReassemblyRejection)r) > 0, ((ReassemblyRejection)r).ToString());
                byReason += reassembler.Rejections((ReassemblyRejection)r);
            }

            Assert.Equal(rejects, reassembler.Rejected);
            Assert.Equal(rejects, byReason);
            Assert.Equal(completes, reassembler.PassedThrough + reassembler.Reassembled);
            Assert.Equal(Inputs, reassembler.PassedThrough + reassembler.FragmentsAccepted + reassembler.Rejected);
            Assert.Equal(reassembler.DatagramsStarted, reassembler.Reassembled + reassembler.Evicted + reassembler.TimedOut + reassembler.ActiveSlots);
            Assert.True(reassembler.Reassembled > 1000 && reassembler.Evicted > 0 && reassembler.TimedOut > 0, string.Join(" ", reassembler.Reassembled, reassembler.Evicted, reassembler.TimedOut, reassembler.DatagramsStarted));
        }

        private static long CountZeros(byte[] data, int length)
        {
            long zeros = 0;
            for (int i = 0; i < length; i++)
            {
                zeros += data[i] == 0 ? 1 : 0;
            }

            return zeros;
        }

        /// <summary>Fragments into pre-allocated packets, storing each packet's length in its last two bytes.</summary>
        private static int Fragment(Fragmenter fragmenter, byte[] frame, int length, byte[][] packets)
        {
            Assert.Equal(FrameError.None, fragmenter.Begin(frame, 0, length));
            int count = 0;
            while (fragmenter.HasNextPacket)
            {
                byte[] packet = packets[count++];
                Assert.Equal(FrameError.None, fragmenter.NextPacket(packet, 0, packet.Length - 2, out int written));
                packet[^2] = (byte)(written >> 8);
                packet[^1] = (byte)written;
            }

            return count;
        }

        private static int PacketLength(byte[] packet)
        {
            return (packet[^2] << 8) | packet[^1];
        }
    }
}

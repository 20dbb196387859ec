using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Link
{
    /// <summary>The link layers allocate nothing per frame once constructed.</summary>
    public sealed class LinkAllocationTests
    {
        private const int Frames = 100_000;

        [Fact]
        public void Stream_framing_and_deframing_allocate_nothing_per_frame()
        {
            byte[] frame = new byte[102];
            new Random(1).NextBytes(frame);
            frame[0] = WireFormat.Version;
            byte[] record = new byte[StreamFramer.MaxRecordLength(frame.Length)];
            var deframer = new StreamDeframer(record.Length);
            var sink = new CountingSink();
            RunStream(frame, record, deframer, sink, 1000);

            long before = GC.GetAllocatedBytesForCurrentThread();
            RunStream(frame, record, deframer, sink, Frames);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(1000 + Frames, sink.Frames);
            Assert.Equal(sink.Frames, deframer.Records);
        }

        [Theory]
        [InlineData(32)]
        [InlineData(255)]
        public void Fragmenting_and_reassembling_allocate_nothing_per_frame(int mtu)
        {
            byte[] frame = new byte[200];
            new Random(2).NextBytes(frame);
            frame[0] = WireFormat.Version;
            var fragmenter = new Fragmenter(mtu);
            var reassembler = new Reassembler(mtu, 4, 512, 1000);
            byte[] packet = new byte[mtu];
            long completed = RunPackets(frame, fragmenter, reassembler, packet, 1000);

            long before = GC.GetAllocatedBytesForCurrentThread();
            completed += RunPackets(frame, fragmenter, reassembler, packet, Frames);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(1000 + Frames, completed);
        }

        [Fact]
        public void Cobs_encode_and_decode_allocate_nothing()
        {
            byte[] data = new byte[102];
            new Random(3).NextBytes(data);
            byte[] encoded = new byte[CobsCodec.MaxEncodedLength(data.Length)];
            byte[] decoded = new byte[data.Length];
            long before = 0;
            for (int round = 0; round < 2; round++)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < Frames; i++)
                {
                    CobsCodec.Encode(data, 0, data.Length, encoded, 0, encoded.Length, out int written);
                    CobsCodec.Decode(encoded, 0, written, decoded, 0, decoded.Length, out _);
                }
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(data, decoded);
        }

        private static void RunStream(byte[] frame, byte[] record, StreamDeframer deframer, ILinkFrameSink sink, int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                frame[1] = (byte)i;
                StreamFramer.Encode(frame, 0, frame.Length, record, 0, record.Length, out int written);
                int split = i % written;
                deframer.Push(record, 0, split, sink);
                deframer.Push(record, split, written - split, sink);
            }
        }

        private static long RunPackets(byte[] frame, Fragmenter fragmenter, Reassembler reassembler, byte[] packet, int frames)
        {
            long completed = 0;
            for (int i = 0; i < frames; i++)
            {
                frame[1] = (byte)i;
                fragmenter.Begin(frame, 0, frame.Length);
                while (fragmenter.HasNextPacket)
                {
                    fragmenter.NextPacket(packet, 0, packet.Length, out int written);
                    if (reassembler.Push(7, packet, 0, written, i, out _, out _, out _) == ReassemblyResult.Complete)
                    {
                        completed++;
                    }
                }
            }

            return completed;
        }
    }
}

using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Link.LinkTestData;

namespace EdgeMesh.Protocol.Tests.Link
{
    public sealed class FragmenterTests
    {
        [Fact]
        public void Writes_the_documented_fragments_byte_for_byte()
        {
            // docs/link-framing.md §4.3: a 60-byte frame at MTU 32 (27 data bytes per fragment).
            var fragmenter = new Fragmenter(32, 0x1234);
            var packets = Packets(fragmenter, Run(0x01, 0x3C));
            Assert.Equal(3, packets.Count);
            Assert.Equal(Concat(Hex("f1 12 34 00 03"), Run(0x01, 0x1B)), packets[0]);
            Assert.Equal(Concat(Hex("f1 12 34 01 03"), Run(0x1C, 0x36)), packets[1]);
            Assert.Equal(Concat(Hex("f1 12 34 02 03"), Run(0x37, 0x3C)), packets[2]);
        }

        [Fact]
        public void Sends_a_frame_that_fits_the_mtu_whole_without_using_an_id()
        {
            var fragmenter = new Fragmenter(32, 7);
            byte[] frame = Run(0x01, 0x20);
            Assert.Equal(frame, Assert.Single(Packets(fragmenter, frame)));
            Assert.Equal(7, fragmenter.NextDatagramId);
            Packets(fragmenter, Run(0x01, 0x21));
            Assert.Equal(7, fragmenter.DatagramId);
            Assert.Equal(8, fragmenter.NextDatagramId);
        }

        [Fact]
        public void Datagram_ids_wrap_around()
        {
            var fragmenter = new Fragmenter(8, 0xFFFF);
            byte[] frame = Run(0x01, 0x10);
            Assert.Equal(Hex("f1 ff ff 00 06"), Packets(fragmenter, frame)[0].AsSpan(0, 5).ToArray());
            Assert.Equal(Hex("f1 00 00 00 06"), Packets(fragmenter, frame)[0].AsSpan(0, 5).ToArray());
            Assert.Equal(1, fragmenter.NextDatagramId);
        }

        [Theory]
        [InlineData(32, 6885)]
        [InlineData(255, 63750)]
        [InlineData(6, 255)]
        public void Max_frame_length_is_255_full_fragments(int mtu, int expected)
        {
            Assert.Equal(expected, FragmentFormat.MaxFrameLength(mtu));
            Assert.Equal(expected, new Fragmenter(mtu).MaxFrameLength);
            Assert.Equal(255, FragmentFormat.PacketCount(mtu, expected));
            Assert.Equal(0, FragmentFormat.PacketCount(mtu, expected + 1));
        }

        [Fact]
        public void Refuses_frames_it_cannot_send()
        {
            var fragmenter = new Fragmenter(32);
            byte[] big = new byte[fragmenter.MaxFrameLength + 1];
            big[0] = 1;
            Assert.Equal(FrameError.PayloadTooLarge, fragmenter.Begin(big, 0, big.Length));
            Assert.Equal(FrameError.InvalidArgument, fragmenter.Begin(big, 0, 0));
            Assert.Equal(FrameError.UnsupportedVersion, fragmenter.Begin(Hex("f1 00 00"), 0, 3));
            Assert.Equal(FrameError.UnsupportedVersion, fragmenter.Begin(Hex("f0"), 0, 1));
            Assert.False(fragmenter.HasNextPacket);
            Assert.Equal(FrameError.InvalidArgument, fragmenter.NextPacket(new byte[32], 0, 32, out _));
        }

        [Fact]
        public void A_small_destination_does_not_advance()
        {
            var fragmenter = new Fragmenter(16);
            byte[] frame = Run(0x01, 0x20);
            Assert.Equal(FrameError.None, fragmenter.Begin(frame, 0, frame.Length));
            byte[] packet = new byte[16];
            Assert.Equal(FrameError.BufferTooSmall, fragmenter.NextPacket(packet, 0, 15, out int written));
            Assert.Equal(0, written);
            Assert.Equal(FrameError.None, fragmenter.NextPacket(packet, 0, 16, out written));
            Assert.Equal(16, written);
            Assert.Equal(0, packet[3]);
        }

        [Fact]
        public void Starting_a_new_frame_counts_the_abandoned_one()
        {
            var fragmenter = new Fragmenter(16);
            byte[] frame = Run(0x01, 0x30);
            fragmenter.Begin(frame, 0, frame.Length);
            fragmenter.NextPacket(new byte[16], 0, 16, out _);
            fragmenter.Begin(frame, 0, frame.Length);
            Assert.Equal(1, fragmenter.Abandoned);
            int sent = 0;
            while (fragmenter.HasNextPacket)
            {
                Assert.Equal(FrameError.None, fragmenter.NextPacket(new byte[16], 0, 16, out _));
                sent++;
            }

            Assert.Equal(5, sent);
            fragmenter.Begin(frame, 0, frame.Length);
            Assert.Equal(1, fragmenter.Abandoned);
        }

        [Fact]
        public void Rejects_unusable_mtus()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Fragmenter(5));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Fragmenter(65536));
        }
    }
}

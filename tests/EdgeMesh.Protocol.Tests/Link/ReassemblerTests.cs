using System.Collections.Generic;
using EdgeMesh.Protocol.Link;
using static EdgeMesh.Protocol.Tests.Link.LinkTestData;

namespace EdgeMesh.Protocol.Tests.Link
{
    public sealed class ReassemblerTests
    {
        private const int Mtu = 32;

        [Fact]
        public void Passes_a_whole_frame_through_in_the_callers_buffer()
        {
            var reassembler = new Reassembler(Mtu, 2, 512, 1000);
            byte[] packet = Concat(Hex("aa bb"), Run(0x01, 0x20));
            Assert.Equal(ReassemblyResult.Complete, reassembler.Push(9, packet, 2, 32, 0, out byte[] frame, out int offset, out int length));
            Assert.Same(packet, frame);
            Assert.Equal(2, offset);
            Assert.Equal(32, length);
            Assert.Equal(1, reassembler.PassedThrough);
        }

        [Fact]
        public void Rebuilds_the_documented_fragments_in_any_order()
        {
            byte[] original = Run(0x01, 0x3C);
            var packets = Packets(new Fragmenter(Mtu, 0x1234), original);
            var reassembler = new Reassembler(Mtu, 2, 512, 1000);
            Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 1, packets[2], 0));
            Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 1, packets[0], 1));
            Assert.Equal(1, reassembler.ActiveSlots);
            Assert.Equal(ReassemblyResult.Complete, reassembler.Push(1, packets[1], 0, packets[1].Length, 2, out byte[] frame, out int offset, out int length));
            Assert.Equal(original, frame.AsSpan(offset, length).ToArray());
            Assert.Equal(0, reassembler.ActiveSlots);
            Assert.Equal(1, reassembler.Reassembled);
            Assert.Equal(3, reassembler.FragmentsAccepted);
        }

        [Fact]
        public void Keeps_datagrams_of_different_sources_apart()
        {
            byte[] a = Run(0x01, 0x3C);
            byte[] b = Run(0x41, 0x7C);
            var fromA = Packets(new Fragmenter(Mtu, 5), a);
            var fromB = Packets(new Fragmenter(Mtu, 5), b); // same datagram id on another radio
            var reassembler = new Reassembler(Mtu, 2, 512, 1000);
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 0xA, fromA[i], 0));
                Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 0xB, fromB[i], 0));
            }

            Assert.Equal(b, Complete(reassembler, 0xB, fromB[2], 0));
            Assert.Equal(a, Complete(reassembler, 0xA, fromA[2], 0));
        }

        [Fact]
        public void Drops_a_datagram_that_outlives_the_timeout_on_tick()
        {
            var packets = Packets(new Fragmenter(Mtu), Run(0x01, 0x3C));
            var reassembler = new Reassembler(Mtu, 2, 512, timeoutMs: 500);
            Push(reassembler, 1, packets[0], 1000);
            Push(reassembler, 1, packets[1], 1400);
            Assert.Equal(0, reassembler.Tick(1499));
            Assert.Equal(1, reassembler.ActiveSlots);
            Assert.Equal(1, reassembler.Tick(1500));
            Assert.Equal(1, reassembler.TimedOut);
            Assert.Equal(0, reassembler.ActiveSlots);

            // The late last fragment starts a new datagram instead of completing the dropped one.
            Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 1, packets[2], 1501));
        }

        [Fact]
        public void Push_reclaims_expired_datagrams_before_using_them()
        {
            var packets = Packets(new Fragmenter(Mtu), Run(0x01, 0x3C));
            var reassembler = new Reassembler(Mtu, 1, 512, timeoutMs: 100);
            Push(reassembler, 1, packets[0], 0);
            Push(reassembler, 1, packets[1], 50);
            Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 1, packets[2], 100));
            Assert.Equal(1, reassembler.TimedOut);
            Assert.Equal(0, reassembler.Evicted);
            Assert.Equal(2, reassembler.DatagramsStarted);
        }

        [Fact]
        public void Evicts_the_oldest_datagram_when_all_slots_are_busy()
        {
            var fragmenter = new Fragmenter(Mtu);
            var first = Packets(fragmenter, Run(0x01, 0x3C));
            var second = Packets(fragmenter, Run(0x02, 0x3D));
            var third = Packets(fragmenter, Run(0x03, 0x3E));
            var reassembler = new Reassembler(Mtu, 2, 512, 10_000);
            Push(reassembler, 1, first[0], 10);
            Push(reassembler, 1, second[0], 20);
            Push(reassembler, 1, first[1], 30); // activity does not make the first one younger
            Push(reassembler, 1, third[0], 40);
            Assert.Equal(1, reassembler.Evicted);
            Assert.Equal(2, reassembler.ActiveSlots);
            Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 1, first[2], 50)); // restarted, evicting second
            Assert.Equal(2, reassembler.Evicted);
            Push(reassembler, 1, third[1], 60);
            Assert.Equal(Run(0x03, 0x3E), Complete(reassembler, 1, third[2], 70));
        }

        [Fact]
        public void A_finished_datagram_rejects_late_duplicates_and_yields_its_slot_without_eviction()
        {
            var fragmenter = new Fragmenter(Mtu);
            var first = Packets(fragmenter, Run(0x01, 0x3C));
            var second = Packets(fragmenter, Run(0x02, 0x3D));
            var reassembler = new Reassembler(Mtu, 1, 512, 10_000);
            foreach (byte[] packet in first)
            {
                Push(reassembler, 1, packet, 0);
            }

            Assert.Equal(ReassemblyResult.Rejected, Push(reassembler, 1, first[1], 1));
            Assert.Equal(ReassemblyRejection.Duplicate, reassembler.LastRejection);
            Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 1, second[0], 2));
            Assert.Equal(0, reassembler.Evicted);
        }

        [Fact]
        public void A_new_datagram_reusing_a_finished_id_with_another_count_starts_afresh()
        {
            var reassembler = new Reassembler(Mtu, 2, 512, 10_000);
            foreach (byte[] packet in Packets(new Fragmenter(Mtu, 3), Run(0x01, 0x3C)))
            {
                Push(reassembler, 1, packet, 0);
            }

            var restarted = Packets(new Fragmenter(Mtu, 3), Run(0x01, 0x30)); // 2 fragments, same id
            Assert.Equal(ReassemblyResult.Incomplete, Push(reassembler, 1, restarted[0], 1));
            Assert.Equal(Run(0x01, 0x30), Complete(reassembler, 1, restarted[1], 2));
        }

        public static IEnumerable<object[]> BadPackets()
        {
            yield return new object[] { string.Empty, ReassemblyRejection.BadHeader };
            yield return new object[] { "f1 00 01 00", ReassemblyRejection.BadHeader };
            yield return new object[] { "f1 00 01 00 01 55", ReassemblyRejection.BadHeader };
            yield return new object[] { "f1 00 01 00 00 55", ReassemblyRejection.BadHeader };
            yield return new object[] { "f0 01 02", ReassemblyRejection.ReservedMarker };
            yield return new object[] { "ff 01 02", ReassemblyRejection.ReservedMarker };
            yield return new object[] { "f1 00 01 03 03 55", ReassemblyRejection.IndexOutOfRange };
            yield return new object[] { "f1 00 01 00 03 55", ReassemblyRejection.WrongFragmentSize };
            yield return new object[] { "f1 00 01 02 03", ReassemblyRejection.WrongFragmentSize };
            yield return new object[] { "f1 00 01 fe ff 55", ReassemblyRejection.FrameTooLarge };
            yield return new object[] { "01" + new string('0', 2 * Mtu), ReassemblyRejection.PacketTooLarge };
        }

        [Theory]
        [MemberData(nameof(BadPackets))]
        public void Rejects_and_counts_malformed_packets(string hex, ReassemblyRejection reason)
        {
            var reassembler = new Reassembler(Mtu, 2, 512, 1000);
            byte[] packet = Hex(hex);
            Assert.Equal(ReassemblyResult.Rejected, reassembler.Push(1, packet, 0, packet.Length, 0, out _, out _, out int length));
            Assert.Equal(0, length);
            Assert.Equal(reason, reassembler.LastRejection);
            Assert.Equal(1, reassembler.Rejections(reason));
            Assert.Equal(1, reassembler.Rejected);
            Assert.Equal(0, reassembler.ActiveSlots);
        }

        [Fact]
        public void Rejects_duplicates_and_count_mismatches_within_a_datagram()
        {
            var packets = Packets(new Fragmenter(Mtu, 0x77), Run(0x01, 0x3C));
            var reassembler = new Reassembler(Mtu, 2, 512, 1000);
            Push(reassembler, 1, packets[0], 0);
            Assert.Equal(ReassemblyResult.Rejected, Push(reassembler, 1, packets[0], 0));
            Assert.Equal(ReassemblyRejection.Duplicate, reassembler.LastRejection);
            byte[] liar = (byte[])packets[1].Clone();
            liar[4] = 4;
            Assert.Equal(ReassemblyResult.Rejected, Push(reassembler, 1, liar, 0));
            Assert.Equal(ReassemblyRejection.CountMismatch, reassembler.LastRejection);
            Push(reassembler, 1, packets[1], 0);
            Assert.Equal(Run(0x01, 0x3C), Complete(reassembler, 1, packets[2], 0));
        }

        [Fact]
        public void Whole_frames_above_the_maximum_are_rejected()
        {
            var reassembler = new Reassembler(Mtu, 1, 16, 1000);
            byte[] packet = Run(0x01, 0x11);
            Assert.Equal(ReassemblyResult.Rejected, Push(reassembler, 1, packet, 0));
            Assert.Equal(ReassemblyRejection.FrameTooLarge, reassembler.LastRejection);
        }

        [Fact]
        public void Memory_is_fixed_by_the_constructor_whatever_the_packets_claim()
        {
            const int slots = 4;
            const int maxFrame = 1024;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var reassembler = new Reassembler(255, slots, maxFrame, 1000);
            long constructed = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.InRange(constructed, slots * maxFrame, (slots * maxFrame) + 1024);

            // Hostile fragments claiming 255 x 250 bytes from many sources: rejected or confined to the slots.
            var random = new Random(3);
            byte[] packet = new byte[255];
            random.NextBytes(packet);
            Push(reassembler, 0, packet, 0); // warm up
            int maxActive = 0;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                packet[0] = 0xF1;
                packet[1] = (byte)i;
                packet[2] = (byte)(i >> 8);
                packet[3] = (byte)random.Next(4);
                packet[4] = (byte)(4 + random.Next(252));
                int length = random.Next(2) == 0 ? 255 : random.Next(0, 256);
                reassembler.Push((ulong)random.Next(), packet, 0, length, i, out _, out _, out _);
                maxActive = Math.Max(maxActive, reassembler.ActiveSlots);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.InRange(maxActive, 1, slots);
            Assert.True(reassembler.Rejections(ReassemblyRejection.FrameTooLarge) > 0);
        }

        [Fact]
        public void Rejects_unusable_configurations()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Reassembler(5, 1, 100, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Reassembler(32, 0, 100, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Reassembler(32, 1, 0, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Reassembler(32, 1, 100, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Reassembler(32, 1024, int.MaxValue / 2, 1));
        }

        private static ReassemblyResult Push(Reassembler reassembler, ulong source, byte[] packet, long nowMs)
        {
            return reassembler.Push(source, packet, 0, packet.Length, nowMs, out _, out _, out _);
        }

        private static byte[] Complete(Reassembler reassembler, ulong source, byte[] packet, long nowMs)
        {
            Assert.Equal(ReassemblyResult.Complete, reassembler.Push(source, packet, 0, packet.Length, nowMs, out byte[] frame, out int offset, out int length));
            return frame.AsSpan(offset, length).ToArray();
        }
    }
}

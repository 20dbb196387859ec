using System.Linq;
using EdgeMesh.Protocol.Flooding;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Flooding
{
    public sealed class ManagedFlooderTests
    {
        [Fact]
        public void A_flood_reaches_every_node_once_and_suppression_saves_transmissions()
        {
            RadioSegment firstCopy = Flood(new FloodingOptions { SuppressionThreshold = 1 });
            RadioSegment byDefault = Flood(new FloodingOptions());
            RadioSegment plain = Flood(new FloodingOptions { SuppressionThreshold = 0 });

            foreach (RadioSegment segment in new[] { firstCopy, byDefault, plain })
            {
                Assert.All(segment.Received.Skip(1), n => Assert.Equal(1, n));
            }

            Assert.Equal(64, plain.Transmissions); // without suppression every node relays once
            Assert.True(firstCopy.Transmissions < 40, "transmissions " + firstCopy.Transmissions);
            Assert.True(firstCopy.Flooders.Sum(f => f.Suppressed) > 20);
            Assert.True(byDefault.Transmissions < plain.Transmissions, "transmissions " + byDefault.Transmissions);
            Assert.True(byDefault.Transmissions >= firstCopy.Transmissions);
        }

        private static RadioSegment Flood(FloodingOptions options)
        {
            var segment = new RadioSegment(RadioSegment.Grid(8), 1.5, options);
            segment.Originate(0, RadioSegment.Frame(0, 1, 15));
            segment.Run(5_000);
            return segment;
        }

        [Fact]
        public void Frames_stop_at_their_hop_limit()
        {
            var line = new RadioSegment(RadioSegment.Line(8), 1.2, new FloodingOptions());
            line.Originate(0, RadioSegment.Frame(0, 1, 3));
            line.Run(5_000);
            Assert.Equal(new[] { 0, 1, 1, 1, 1, 0, 0, 0 }, line.Received);
            Assert.Equal(1, line.Flooders[4].HopLimitReached);
        }

        [Fact]
        public void NoRelay_frames_are_delivered_but_not_repeated()
        {
            var line = new RadioSegment(RadioSegment.Line(4), 1.2, new FloodingOptions());
            line.Originate(0, RadioSegment.Frame(0, 1, 3, FrameFlags.NoRelay));
            line.Run(2_000);
            Assert.Equal(new[] { 0, 1, 0, 0 }, line.Received);
            Assert.Equal(1, line.Flooders[1].NoRelayFrames);
            Assert.Equal(1, line.Transmissions);
        }

        [Fact]
        public void Weakly_heard_frames_are_relayed_first()
        {
            var flooder = new ManagedFlooder(new NodeId(1), new FloodingOptions { JitterWindowMs = 0, SnrWindowMs = 600, SnrMinDb = -20, SnrMaxDb = 10 });
            Assert.Equal(0, flooder.Delay(-30));
            Assert.Equal(0, flooder.Delay(-20));
            Assert.Equal(300, flooder.Delay(-5));
            Assert.Equal(600, flooder.Delay(10));
            Assert.Equal(600, flooder.Delay(25));
            var jittered = new ManagedFlooder(new NodeId(1), new FloodingOptions { JitterWindowMs = 100, SnrWindowMs = 600 });
            for (int i = 0; i < 1000; i++)
            {
                int unknown = jittered.Delay(ManagedFlooder.SnrUnknown);
                Assert.InRange(unknown, 0, 699);
            }
        }

        [Fact]
        public void Own_frames_heard_back_are_not_relayed()
        {
            var line = new RadioSegment(RadioSegment.Line(3), 1.2, new FloodingOptions());
            line.Originate(1, RadioSegment.Frame(1, 9, 5));
            line.Run(3_000);
            Assert.True(line.Flooders[1].OwnEchoes >= 1);
            Assert.Equal(0, line.Flooders[1].RebroadcastsSent);
        }

        [Fact]
        public void Pending_slots_and_history_are_bounded_and_count_what_they_drop()
        {
            var flooder = new ManagedFlooder(new NodeId(99), new FloodingOptions { PendingCapacity = 2, HistoryCapacity = 4 });
            for (ulong s = 1; s <= 6; s++)
            {
                byte[] f = RadioSegment.Frame(0, s, 3);
                Assert.Equal(FloodOutcome.Deliver, flooder.OnReceive(f, 0, f.Length, 0, 0, out _));
            }

            Assert.Equal(2, flooder.PendingCount);
            Assert.Equal(4, flooder.PendingFull);
            Assert.Equal(2, flooder.HistoryEvictions);
            byte[] first = RadioSegment.Frame(0, 1, 3);
            Assert.Equal(FloodOutcome.Deliver, flooder.OnReceive(first, 0, first.Length, 0, 0, out _)); // forgotten: new again
            byte[] last = RadioSegment.Frame(0, 6, 3);
            Assert.Equal(FloodOutcome.Duplicate, flooder.OnReceive(last, 0, last.Length, 0, 0, out _));
        }

        [Fact]
        public void Relayed_copies_carry_a_raised_hop_count_and_are_otherwise_unchanged()
        {
            var flooder = new ManagedFlooder(new NodeId(99), new FloodingOptions { JitterWindowMs = 0, SnrWindowMs = 0 });
            byte[] frame = RadioSegment.Frame(0, 1, 3);
            flooder.OnReceive(frame, 0, frame.Length, ManagedFlooder.SnrUnknown, 100, out _);
            Assert.Equal(100, flooder.NextDeadlineMs);
            byte[] out1 = new byte[frame.Length - 1];
            Assert.False(flooder.TryTakeDue(100, out1, 0, out1.Length, out _)); // too small: kept
            byte[] copy = new byte[300];
            Assert.True(flooder.TryTakeDue(100, copy, 0, copy.Length, out int written));
            Assert.Equal(frame.Length, written);
            Assert.Equal(FrameError.None, FrameCodec.DecodeExact(copy, 0, written, 255, out FrameHeader h));
            Assert.Equal(1, h.HopCount);
            copy[3] = frame[3];
            Assert.Equal(frame, copy.AsSpan(0, written).ToArray());
            Assert.Equal(long.MaxValue, flooder.NextDeadlineMs);
        }

        [Fact]
        public void Lossy_radio_still_floods_a_grid()
        {
            var lossy = new RadioSegment(RadioSegment.Grid(8), 1.5, new FloodingOptions(), loss: 0.1, seed: 4);
            lossy.Originate(0, RadioSegment.Frame(0, 1, 15));
            lossy.Run(5_000);
            Assert.True(lossy.Received.Skip(1).Count(n => n == 1) >= 60, string.Join(",", lossy.Received));
            Assert.All(lossy.Received, n => Assert.InRange(n, 0, 1));
        }

        [Fact]
        public void Bad_input_is_rejected_and_counted_without_throwing()
        {
            var random = new Random(11);
            var flooder = new ManagedFlooder(new NodeId(5), new FloodingOptions());
            byte[] valid = RadioSegment.Frame(0, 1, 3);
            byte[] buffer = new byte[400];
            long rejected = 0;
            for (int n = 0; n < 1_000_000; n++)
            {
                int length;
                if ((n & 1) == 0)
                {
                    length = random.Next(buffer.Length);
                    random.NextBytes(buffer.AsSpan(0, length));
                }
                else
                {
                    Array.Copy(valid, buffer, valid.Length);
                    BitConverterFree.WriteSequence(buffer, (ulong)n);
                    buffer[random.Next(valid.Length)] ^= (byte)random.Next(1, 256);
                    length = random.Next(2) == 0 ? valid.Length : random.Next(valid.Length + 20);
                }

                if (flooder.OnReceive(buffer, 0, length, random.Next(-30, 20), n, out _) == FloodOutcome.Rejected)
                {
                    rejected++;
                }

                flooder.TryTakeDue(n + 10_000, buffer, 0, buffer.Length, out _);
            }

            Assert.Equal(rejected, flooder.Rejected);
            Assert.True(rejected > 500_000);
            Assert.True(flooder.Delivered > 1000);
            Assert.Equal(flooder.Rejected, Enumerable.Range(0, WireFormat.FrameErrorCount).Sum(e => flooder.DecodeErrors((FrameError)e)));
        }

        [Fact]
        public void Steady_state_allocates_nothing()
        {
            var flooder = new ManagedFlooder(new NodeId(5), new FloodingOptions());
            byte[] buffer = new byte[300];
            byte[] frame = RadioSegment.Frame(0, 1, 3);
            Cycle(flooder, frame, buffer, 0, 1_000); // warm up
            long before = GC.GetAllocatedBytesForCurrentThread();
            Cycle(flooder, frame, buffer, 1_000, 50_000);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static void Cycle(ManagedFlooder flooder, byte[] frame, byte[] buffer, int from, int to)
        {
            for (int n = from; n < to; n++)
            {
                BitConverterFree.WriteSequence(frame, (ulong)n + 1);
                flooder.OnReceive(frame, 0, frame.Length, -5, n, out _);
                flooder.OnReceive(frame, 0, frame.Length, -5, n, out _); // duplicate
                flooder.TryTakeDue(n + 1_000, buffer, 0, buffer.Length, out _);
            }
        }

        private static class BitConverterFree
        {
            /// <summary>Sets the header sequence (bytes 12-19, big-endian).</summary>
            internal static void WriteSequence(byte[] frame, ulong sequence)
            {
                for (int i = 0; i < 8; i++)
                {
                    frame[12 + i] = (byte)(sequence >> (56 - (8 * i)));
                }
            }
        }
    }
}

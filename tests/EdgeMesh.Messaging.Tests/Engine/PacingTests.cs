using System.Collections.Generic;
using EdgeMesh.Messaging.Tests.Support;

namespace EdgeMesh.Messaging.Tests.Engine
{
    public sealed class PacingTests
    {
        private const long Start = TestIdentities.Epoch;

        [Fact]
        public void Fragments_beyond_the_burst_leave_at_the_configured_rate_and_all_of_them_eventually()
        {
            using var nodes = new TestIdentities(2);
            var options = new DmOptions { FragmentChunkBytes = 1024, FragmentBurst = 4, FragmentsPerSecond = 1000 };
            using var sender = new DirectMessenger(nodes[0], nodes.Directory, options);
            Assert.True(sender.Send(nodes.Id(1), new byte[20_000], Start).IsQueued);
            long fragments = sender.Count(DmCounter.FragmentsSent);
            Assert.True(fragments > 10, fragments.ToString());

            var sent = new HashSet<ReadOnlyMemory<byte>>();
            Assert.Equal(4, Drain(sender, sent));
            Assert.Equal(fragments - 4, sender.PacedCount);
            Assert.Equal(fragments - 4, sender.Count(DmCounter.FragmentsPaced));
            Assert.Equal(Start + 1, sender.NextDeadlineMs); // 1,000 per second: one per millisecond

            sender.Tick(Start + 1);
            Assert.Equal(1, Drain(sender, sent));
            sender.Tick(Start + 3);
            Assert.Equal(2, Drain(sender, sent));
            Assert.Equal(0, Drain(sender, sent));

            // A long pause refills the bucket only up to the burst.
            sender.Tick(Start + 1_000);
            Assert.Equal(4, Drain(sender, sent));

            long now = Start + 1_000;
            while (sender.PacedCount > 0)
            {
                now = sender.NextDeadlineMs;
                sender.Tick(now);
                Assert.Equal(1, Drain(sender, sent));
            }

            Assert.Equal(fragments, sent.Count);
            Assert.True(now - Start < 1_000 + fragments, (now - Start).ToString());
            Assert.Equal(0, sender.Count(DmCounter.TransmitQueueDrops));
        }

        [Fact]
        public void Waiting_fragments_share_the_bounded_transmit_queue_and_drops_are_counted()
        {
            using var nodes = new TestIdentities(2);
            var options = new DmOptions { FragmentChunkBytes = 1024, FragmentBurst = 2, FragmentsPerSecond = 1, TransmitQueueCapacity = 6 };
            using var sender = new DirectMessenger(nodes[0], nodes.Directory, options);
            Assert.True(sender.Send(nodes.Id(1), new byte[20_000], Start).IsQueued);
            long fragments = sender.Count(DmCounter.FragmentsSent);
            Assert.Equal(6, sender.TransmitQueueCount + sender.PacedCount);
            Assert.Equal(fragments - 6, sender.Count(DmCounter.TransmitQueueDrops));
            Assert.Equal(2, sender.TransmitQueueCount);
            Assert.Equal(Start + 1_000, sender.NextDeadlineMs);
        }

        private static int Drain(DirectMessenger messenger, HashSet<ReadOnlyMemory<byte>> sent)
        {
            int count = 0;
            while (messenger.TryDequeue(out DmTransmission transmission))
            {
                Assert.Equal(DmPacketKind.Fragment, transmission.Kind);
                sent.Add(transmission.Packet);
                count++;
            }

            return count;
        }
    }
}

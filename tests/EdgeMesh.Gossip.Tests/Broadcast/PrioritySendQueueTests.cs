using System.Collections.Generic;
using EdgeMesh.Gossip.Broadcast;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Tests.Broadcast
{
    public sealed class PrioritySendQueueTests
    {
        [Fact]
        public void Frames_leave_most_urgent_first_and_in_order_within_a_class()
        {
            var queue = new PrioritySendQueue(16);
            Enqueue(queue, Priority.Bulk, 1);
            Enqueue(queue, Priority.Telemetry, 2);
            Enqueue(queue, Priority.Control, 3);
            Enqueue(queue, Priority.Telemetry, 4);
            Enqueue(queue, Priority.Motion, 5);
            Assert.Equal(new[] { 3, 5, 2, 4, 1 }, Drain(queue));
        }

        [Fact]
        public void A_full_queue_sheds_the_oldest_bulk_frame_first_and_counts_it()
        {
            var queue = new PrioritySendQueue(3);
            Enqueue(queue, Priority.Bulk, 1);
            Enqueue(queue, Priority.Bulk, 2);
            Enqueue(queue, Priority.Telemetry, 3);
            Assert.True(queue.Enqueue(Frame(Priority.Control, 4), out OutboundFrame evicted));
            Assert.Equal(1, evicted.Length);
            Assert.Equal(1, queue.Drops(Priority.Bulk));
            Assert.Equal(new[] { 4, 3, 2 }, Drain(queue));
        }

        [Fact]
        public void When_nothing_lower_is_queued_the_new_frame_is_dropped()
        {
            var queue = new PrioritySendQueue(2);
            Enqueue(queue, Priority.Control, 1);
            Enqueue(queue, Priority.Motion, 2);
            Assert.False(queue.Enqueue(Frame(Priority.Telemetry, 3), out OutboundFrame evicted));
            Assert.Null(evicted.Buffer);
            Assert.False(queue.Enqueue(Frame(Priority.Motion, 4), out _));
            Assert.Equal(1, queue.Drops(Priority.Telemetry));
            Assert.Equal(1, queue.Drops(Priority.Motion));
            Assert.Equal(0, queue.Drops(Priority.Control));
            Assert.Equal(new[] { 1, 2 }, Drain(queue));
        }

        [Fact]
        public void Control_survives_a_flood_of_bulk()
        {
            var queue = new PrioritySendQueue(8);
            for (int i = 0; i < 100; i++)
            {
                Enqueue(queue, i % 10 == 0 ? Priority.Control : Priority.Bulk, i);
            }

            int[] left = Drain(queue);
            Assert.Equal(new[] { 0, 10, 20, 30, 40, 50, 60, 70 }, left[..8]);
            Assert.Equal(100 - 8, queue.Drops(Priority.Bulk) + queue.Drops(Priority.Control));
            Assert.Equal(2, queue.Drops(Priority.Control)); // 80 and 90 found only control queued
        }

        private static OutboundFrame Frame(Priority priority, int tag)
        {
            return new OutboundFrame(new NodeId(1), priority, new byte[1], tag);
        }

        private static void Enqueue(PrioritySendQueue queue, Priority priority, int tag)
        {
            queue.Enqueue(Frame(priority, tag), out _);
        }

        private static int[] Drain(PrioritySendQueue queue)
        {
            var tags = new List<int>();
            while (queue.TryDequeue(out OutboundFrame frame))
            {
                tags.Add(frame.Length);
            }

            return tags.ToArray();
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Tests
{
    /// <summary>Direct tests of one or a few nodes, driven by hand (no link model).</summary>
    public sealed class GossipNodeTests
    {
        private static readonly ulong Topic = TopicId.FromName("robots/pose");

        [Fact]
        public void Join_makes_both_sides_neighbours()
        {
            var net = new ManualNetwork(2);
            net.Join(1, 0);
            net.Run(2_000);
            Assert.True(net[0].ActiveView.Contains(net[1].Self));
            Assert.True(net[1].ActiveView.Contains(net[0].Self));
        }

        [Fact]
        public void A_broadcast_is_delivered_once_to_subscribers_and_relayed_by_others()
        {
            var net = new ManualNetwork(3);
            net.Join(1, 0);
            net.Join(2, 1);
            net.Run(3_000);
            net[0].Subscribe(Topic);
            net[2].Subscribe(Topic);
            byte[] payload = { 1, 2, 3 };
            Assert.Equal(FrameError.None, net[0].Publish(Topic, Priority.Telemetry, 0x8001, payload, 0, 3, net.Now, out MessageId id));
            net.Run(5_000);
            Assert.Single(net.Deliveries[2]);
            Assert.Equal(id, net.Deliveries[2][0].Id);
            Assert.Equal(3, net.Deliveries[2][0].PayloadLength);
            Assert.Empty(net.Deliveries[0]); // the publisher does not deliver to itself
            Assert.Empty(net.Deliveries[1]); // not subscribed: may relay, never delivers
        }

        [Fact]
        public void Oversized_payloads_are_refused()
        {
            var node = new GossipNode(new NodeId(1), new GossipOptions(), new SeededRandom(1), new FrameBufferPool(1400, 8), 0, 0);
            byte[] big = new byte[1400];
            Assert.Equal(FrameError.PayloadTooLarge, node.Publish(Topic, Priority.Bulk, 1, big, 0, big.Length, 0, out _));
            Assert.Equal(FrameError.InvalidArgument, node.Publish(Topic, Priority.Bulk, 1, big, 10, big.Length, 0, out _));
        }

        [Fact]
        public void Frames_for_another_node_are_counted_not_processed()
        {
            var a = new GossipNode(new NodeId(1), new GossipOptions(), new SeededRandom(1), new FrameBufferPool(1400, 8), 0, 0);
            var c = new GossipNode(new NodeId(3), new GossipOptions(), new SeededRandom(3), new FrameBufferPool(1400, 8), 0, 0);
            a.Join(new NodeId(2), 0);
            Assert.True(a.TryDequeue(out OutboundFrame join));
            c.Receive(join.Buffer, 0, join.Length, 1);
            Assert.Equal(1, c.Counters.FramesMisaddressed);
            Assert.Equal(0, c.ActiveView.Count);
        }

        [Fact]
        public void Send_queues_are_bounded_and_count_drops_by_priority()
        {
            var options = new GossipOptions { SendQueueCapacity = 4 };
            var net = new ManualNetwork(2, options);
            net.Join(1, 0);
            net.Run(2_000);
            net[0].Subscribe(Topic);
            for (int i = 0; i < 20; i++)
            {
                net[0].Publish(Topic, Priority.Bulk, 1, new byte[10], 0, 10, net.Now, out _); // nobody drains
            }

            Assert.True(net[0].Counters.SendQueueDrops(Priority.Bulk) >= 16);
            Assert.Equal(0, net[0].Counters.SendQueueDrops(Priority.Control));
        }

        /// <summary>A tiny lossless driver: frames are delivered 5 ms after they are taken, timers fire on time.</summary>
        internal sealed class ManualNetwork
        {
            private readonly GossipNode[] nodes;
            private readonly SortedList<(long, long), (int To, byte[] Frame)> inFlight = new SortedList<(long, long), (int, byte[])>();
            private long order;

            internal ManualNetwork(int count, GossipOptions? options = null)
            {
                nodes = new GossipNode[count];
                Deliveries = new List<Delivery>[count];
                for (int i = 0; i < count; i++)
                {
                    nodes[i] = new GossipNode(new NodeId((ulong)i + 1), options ?? new GossipOptions(), new SeededRandom((ulong)i + 1), new FrameBufferPool(1400, 64), 0, 0);
                    Deliveries[i] = new List<Delivery>();
                }
            }

            internal long Now { get; private set; }

            internal List<Delivery>[] Deliveries { get; }

            internal GossipNode this[int i]
            {
                get { return nodes[i]; }
            }

            internal void Join(int node, int contact)
            {
                nodes[node].Join(nodes[contact].Self, Now);
                Collect(node);
            }

            internal void Run(long untilMs)
            {
                untilMs += Now;
                while (Now < untilMs)
                {
                    Now++;
                    while (inFlight.Count > 0 && inFlight.Keys[0].Item1 <= Now)
                    {
                        (int to, byte[] frame) = inFlight.Values[0];
                        inFlight.RemoveAt(0);
                        nodes[to].Receive(frame, 0, frame.Length, Now);
                        Collect(to);
                    }

                    for (int i = 0; i < nodes.Length; i++)
                    {
                        if (nodes[i].NextDeadlineMs <= Now)
                        {
                            nodes[i].Tick(Now);
                            Collect(i);
                        }
                    }
                }
            }

            private void Collect(int i)
            {
                while (nodes[i].TryTakeDelivery(out Delivery d))
                {
                    Deliveries[i].Add(d);
                }

                while (nodes[i].TryDequeue(out OutboundFrame f))
                {
                    inFlight.Add((Now + 5, order++), ((int)f.To.Value - 1, f.Buffer.AsSpan(0, f.Length).ToArray()));
                }
            }
        }
    }
}

using EdgeMesh.Simulation;

namespace EdgeMesh.Gossip.Tests.Simulation
{
    /// <summary>
    /// Allocation counts of running nodes, measured on the test thread, which runs every node of the
    /// simulator: once a fleet has formed and its tables have reached their working size (a minute
    /// of simulated time), its protocol traffic allocates nothing, and a broadcast allocates only the
    /// copy of the message each node keeps (and hands to its application) and the publisher's frame.
    /// </summary>
    public sealed class SteadyStateAllocationTests
    {
        [Fact]
        public void Membership_traffic_allocates_nothing_once_the_fleet_has_formed()
        {
            var scenario = new GossipScenario(new ScenarioOptions { Nodes = 50, Messages = 0, Seed = 4 });
            NetworkSimulator sim = scenario.Simulator;
            sim.RunUntil(SimClock.Us(60));

            long events = sim.Events;
            long before = GC.GetAllocatedBytesForCurrentThread();
            sim.RunUntil(SimClock.Us(120));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(sim.Events - events > 15_000, "events " + (sim.Events - events));
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void A_broadcast_allocates_only_the_copy_each_node_keeps()
        {
            // Eight trees for thirty publishers: every new message evicts a tree, which is reused.
            var options = new ScenarioOptions { Nodes = 30, Messages = 1_000, MessageIntervalMs = 50, PayloadBytes = 64, Seed = 2 };
            options.Gossip.MaxRootsPerTopic = 8;
            options.Gossip.SeenCapacity = 256;
            options.Gossip.MessageCacheCapacity = 128;
            var scenario = new GossipScenario(options);
            NetworkSimulator sim = scenario.Simulator;

            // Formed after 15.3 s, messages from 16.3 s: by 60 s the 256-id store is full and stays so.
            // The scenario's own bookkeeping (a table of every message) is left out of the count.
            sim.RunUntil(SimClock.Us(60));
            var sizes = new FrameSizes();
            sim.Observer = sizes;
            long copies = Copies(sim);
            long before = GC.GetAllocatedBytesForCurrentThread();
            sim.RunUntil(SimClock.Us(65));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            copies = Copies(sim) - copies;

            // A byte array costs 24 bytes of header and length, then its bytes rounded up to 8.
            long perCopy = 24 + ((sizes.Largest + 7) & ~7);
            Assert.True(sizes.Largest > 64, "frame " + sizes.Largest);
            Assert.True(copies >= 100 * 30, "copies " + copies);
            // Slack for a table meeting a new high-water mark (a few hundred bytes in this window);
            // a per-message allocation, such as a new tree per publisher, would cost 100 kB here.
            const long Slack = 2_048;
            Assert.True(allocated <= (copies * perCopy) + Slack, $"{allocated} bytes for {copies} kept copies of {perCopy} bytes");
        }

        private sealed class FrameSizes : SimulationObserver
        {
            public int Largest { get; private set; }

            public override void OnDelivery(int node, Delivery delivery, long timeUs)
            {
                Largest = Math.Max(Largest, delivery.FrameLength);
            }
        }

        /// <summary>Frames the nodes keep: one per message published or delivered.</summary>
        private static long Copies(NetworkSimulator sim)
        {
            long sum = 0;
            for (int i = 0; i < sim.NodeCount; i++)
            {
                GossipNode? node = sim.Node(i);
                sum += node == null ? 0 : node.Counters.Delivered + node.Counters.Published;
            }

            return sum;
        }
    }
}

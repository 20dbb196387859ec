using System.Collections.Generic;
using EdgeMesh.Gossip;
using EdgeMesh.Gossip.Messages;

namespace EdgeMesh.Simulation
{
    /// <summary>Collects per-message measurements of a scenario: transmissions, receivers, deliveries, rounds, latencies.</summary>
    internal sealed class ScenarioMetrics : SimulationObserver
    {
        private readonly Dictionary<MessageId, int> index = new Dictionary<MessageId, int>();
        private readonly int nodes;
        private readonly ulong topic;

        internal ScenarioMetrics(int nodes, int messages, ulong topic)
        {
            this.nodes = nodes;
            this.topic = topic;
            Origins = new int[messages];
            SentUs = new long[messages];
            Transmissions = new long[messages];
            LastRound = new int[messages];
            Reached = new bool[messages * nodes];
            Delivered = new bool[messages * nodes];
            DeliveredUs = new long[messages * nodes];
            DeliveredRound = new int[messages * nodes];
        }

        internal int Published { get; private set; }

        internal int[] Origins { get; }

        internal long[] SentUs { get; }

        internal long[] Transmissions { get; }

        internal int[] LastRound { get; }

        internal bool[] Reached { get; }

        internal bool[] Delivered { get; }

        internal long[] DeliveredUs { get; }

        internal int[] DeliveredRound { get; }

        internal long DuplicateDeliveries { get; private set; }

        public override void OnPublished(int origin, MessageId id, long timeUs)
        {
            int k = Published++;
            index[id] = k;
            Origins[k] = origin;
            SentUs[k] = timeUs;
        }

        public override void OnNodeStarted(int node, GossipNode gossip, long timeUs)
        {
            gossip.Subscribe(topic);

            // A rebooted node has lost its duplicate-suppression state: what it gets from now on is new to it.
            for (int k = 0; k < Published; k++)
            {
                Delivered[(k * nodes) + node] = false;
            }
        }

        public override void OnFrameSent(int node, OutboundFrame frame, long timeUs)
        {
            if (ControlCodec.TryReadGossipId(frame.Buffer, 0, frame.Length, out MessageId id, out _) && index.TryGetValue(id, out int k))
            {
                Transmissions[k]++;
            }
        }

        public override void OnFrameArrived(int node, byte[] frame, int length, long timeUs)
        {
            if (ControlCodec.TryReadGossipId(frame, 0, length, out MessageId id, out _) && index.TryGetValue(id, out int k))
            {
                Reached[(k * nodes) + node] = true;
            }
        }

        public override void OnDelivery(int node, Delivery delivery, long timeUs)
        {
            if (!index.TryGetValue(delivery.Id, out int k))
            {
                return;
            }

            int cell = (k * nodes) + node;
            if (Delivered[cell])
            {
                DuplicateDeliveries++;
                return;
            }

            Delivered[cell] = true;
            DeliveredUs[cell] = timeUs;
            DeliveredRound[cell] = delivery.Round;
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Support
{
    /// <summary>
    /// A tiny deterministic network of messengers for tests: links between nodes, a fixed latency per
    /// hop, seeded random loss per hop, an injected clock and a discrete-event loop. It plays the
    /// daemon's part: wraps transmissions as "frames" with an origin sequence and hop count, relays
    /// direct frames along each relay's own route table, floods inbox publishes, feeds every node the
    /// frames it sees (<see cref="DirectMessenger.ObserveFrame"/>) and ticks nodes at their deadlines.
    /// </summary>
    internal sealed class TestNetwork
    {
        private readonly Random _random;
        private readonly Dictionary<ulong, Node> _nodes = new Dictionary<ulong, Node>();
        private readonly PriorityQueue<Hop, (long Time, long Order)> _events = new PriorityQueue<Hop, (long Time, long Order)>();
        private long _order;

        internal TestNetwork(int seed = 1, long startMs = TestIdentities.Epoch)
        {
            _random = new Random(seed);
            Now = startMs;
        }

        internal long Now { get; private set; }

        internal long LatencyMs { get; set; } = 5;

        /// <summary>Probability that one hop loses a frame.</summary>
        internal double LossRate { get; set; }

        /// <summary>Every transmission any node made, in order: (time, sender, transmission).</summary>
        internal List<(long Time, NodeId From, DmTransmission Transmission)> Sent { get; } = new List<(long, NodeId, DmTransmission)>();

        /// <summary>Sees each frame as it leaves its originator; returns the bytes to send, or null to drop it.</summary>
        internal Func<NodeId, DmTransmission, byte[], byte[]?>? Interceptor { get; set; }

        internal long RelayDrops { get; private set; }

        internal Node Add(DirectMessenger messenger)
        {
            var node = new Node(messenger);
            _nodes.Add(messenger.Id.Value, node);
            return node;
        }

        internal Node this[NodeId id] => _nodes[id.Value];

        internal void Link(NodeId a, NodeId b)
        {
            if (!_nodes[a.Value].Neighbours.Contains(b.Value))
            {
                _nodes[a.Value].Neighbours.Add(b.Value);
                _nodes[b.Value].Neighbours.Add(a.Value);
            }
        }

        /// <summary>A chain n0 - n1 - ... of the given nodes.</summary>
        internal void Chain(params NodeId[] ids)
        {
            for (int i = 1; i < ids.Length; i++)
            {
                Link(ids[i - 1], ids[i]);
            }
        }

        /// <summary>Swaps a node's messenger (a restart over the same store).</summary>
        internal void Replace(DirectMessenger messenger)
        {
            _nodes[messenger.Id.Value].Messenger = messenger;
        }

        /// <summary>Floods an empty frame from <paramref name="from"/> (a beacon or heartbeat): others learn routes to it.</summary>
        internal void Beacon(NodeId from)
        {
            Node node = _nodes[from.Value];
            Flood(node, ++node.Sequence, default, Array.Empty<byte>());
        }

        /// <summary>Runs the event loop until <paramref name="untilMs"/> (absolute).</summary>
        internal void RunUntil(long untilMs)
        {
            while (true)
            {
                Pump();
                long next = _events.TryPeek(out _, out (long Time, long Order) first) ? first.Time : long.MaxValue;
                foreach (Node node in _nodes.Values)
                {
                    if (node.Online)
                    {
                        next = Math.Min(next, node.Messenger.NextDeadlineMs);
                    }
                }

                if (next > untilMs)
                {
                    Now = Math.Max(Now, untilMs);
                    return;
                }

                Now = Math.Max(Now, next);
                while (_events.TryPeek(out Hop hop, out (long Time, long Order) at) && at.Time <= Now)
                {
                    _events.Dequeue();
                    Arrive(hop);
                }

                foreach (Node node in _nodes.Values)
                {
                    if (node.Online && node.Messenger.NextDeadlineMs <= Now)
                    {
                        node.Messenger.Tick(Now);
                    }
                }

                Collect();
            }
        }

        internal void RunFor(long durationMs)
        {
            RunUntil(Now + durationMs);
        }

        /// <summary>Moves every queued transmission onto the wire and every output into the nodes' lists.</summary>
        internal void Pump()
        {
            foreach (Node node in _nodes.Values)
            {
                while (node.Messenger.TryDequeue(out DmTransmission transmission))
                {
                    if (node.Online)
                    {
                        Transmit(node, transmission);
                    }
                }
            }

            Collect();
        }

        private void Collect()
        {
            foreach (Node node in _nodes.Values)
            {
                while (node.TakesMessages && node.Messenger.TryTakeMessage(out DirectMessage? message))
                {
                    node.Received.Add(message);
                }

                while (node.Messenger.TryTakeReceipt(out DmReceipt receipt))
                {
                    node.Receipts.Add(receipt);
                }
            }
        }

        private void Transmit(Node from, DmTransmission transmission)
        {
            Sent.Add((Now, from.Messenger.Id, transmission));
            byte[]? packet = transmission.Packet.ToArray();
            if (Interceptor != null)
            {
                packet = Interceptor(from.Messenger.Id, transmission, packet);
                if (packet == null)
                {
                    return;
                }
            }

            ulong sequence = ++from.Sequence;
            if (transmission.Path.Kind == DmPathKind.Direct)
            {
                Send(new Hop(from.Messenger.Id, sequence, from.Messenger.Id, transmission.Path.NextHop, transmission.Destination, 0, packet, false));
            }
            else
            {
                Flood(from, sequence, transmission.Destination, packet);
            }
        }

        private void Flood(Node from, ulong sequence, NodeId destination, byte[] packet)
        {
            from.Seen.Add((from.Messenger.Id.Value, sequence));
            foreach (ulong neighbour in from.Neighbours)
            {
                Send(new Hop(from.Messenger.Id, sequence, from.Messenger.Id, new NodeId(neighbour), destination, 0, packet, true));
            }
        }

        private void Send(Hop hop)
        {
            if (!_nodes[hop.From.Value].Neighbours.Contains(hop.To.Value) || _random.NextDouble() < LossRate)
            {
                return;
            }

            _events.Enqueue(hop, (Now + LatencyMs, ++_order));
        }

        private void Arrive(Hop hop)
        {
            Node node = _nodes[hop.To.Value];
            if (!node.Online)
            {
                return;
            }

            DirectMessenger messenger = node.Messenger;
            if (hop.Flood)
            {
                if (!node.Seen.Add((hop.Origin.Value, hop.Sequence)))
                {
                    return;
                }

                messenger.ObserveFrame(hop.Origin, hop.Sequence, hop.From, hop.Hops, Now);
                if (hop.Destination == messenger.Id && hop.Packet.Length > 0)
                {
                    messenger.Receive(hop.Packet, DmPathKind.GossipInbox, Now);
                }

                foreach (ulong neighbour in node.Neighbours)
                {
                    if (neighbour != hop.From.Value && hop.Hops < WireFormat.MaxHops)
                    {
                        Send(hop with { From = messenger.Id, To = new NodeId(neighbour), Hops = hop.Hops + 1 });
                    }
                }

                return;
            }

            messenger.ObserveFrame(hop.Origin, hop.Sequence, hop.From, hop.Hops, Now);
            if (hop.Destination == messenger.Id)
            {
                messenger.Receive(hop.Packet, DmPathKind.Direct, Now);
            }
            else if (hop.Hops < WireFormat.MaxHops && messenger.Routes.TryGetNextHop(hop.Destination, Now, out NodeId next, out _))
            {
                Send(hop with { From = messenger.Id, To = next, Hops = hop.Hops + 1 });
            }
            else
            {
                RelayDrops++;
            }
        }

        internal sealed class Node
        {
            internal Node(DirectMessenger messenger)
            {
                Messenger = messenger;
            }

            internal DirectMessenger Messenger { get; set; }

            /// <summary>In the order linked, so floods (and the loss draws) do not depend on the random ids.</summary>
            internal List<ulong> Neighbours { get; } = new List<ulong>();

            internal HashSet<(ulong Origin, ulong Sequence)> Seen { get; } = new HashSet<(ulong, ulong)>();

            internal bool Online { get; set; } = true;

            /// <summary>False: the application does not read its inbox (it fills up).</summary>
            internal bool TakesMessages { get; set; } = true;

            internal ulong Sequence { get; set; }

            internal List<DirectMessage> Received { get; } = new List<DirectMessage>();

            internal List<DmReceipt> Receipts { get; } = new List<DmReceipt>();
        }

        private readonly record struct Hop(NodeId Origin, ulong Sequence, NodeId From, NodeId To, NodeId Destination, int Hops, byte[] Packet, bool Flood);
    }
}

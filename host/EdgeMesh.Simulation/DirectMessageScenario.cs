using System;
using System.Collections.Generic;
using EdgeMesh.Gossip;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// Direct messages on the seeded <see cref="NetworkSimulator"/>: N nodes, each with its own
    /// <see cref="NodeKeyPair"/> and a real <see cref="DirectMessenger"/>, linked by an explicit
    /// topology. The scenario plays the daemon's part: it carries each transmission hop by hop
    /// (direct frames along each relay's own route table, gossip-inbox frames flooded), feeds every
    /// node the frames it sees, ticks nodes at their deadlines and takes nodes offline and back.
    /// Latency and jitter come from the <see cref="LinkModel"/>, loss is drawn per hop from the
    /// simulator's seeded random source, and every hop is folded into the simulator's trace hash.
    /// </summary>
    public sealed class DirectMessageScenario : IDisposable
    {
        /// <summary>2025-11-21T04:40:00Z: the wall clock the messengers see at simulated time zero.</summary>
        public const long EpochMs = 1_763_700_000_000;

        private readonly LinkModel links;
        private readonly List<NodeKeyPair> identities = new List<NodeKeyPair>();
        private readonly DmSimNode[] nodes;
        private readonly Dictionary<ulong, int> indexById = new Dictionary<ulong, int>();

        /// <summary>Creates <paramref name="nodeCount"/> online nodes, none linked yet.</summary>
        public DirectMessageScenario(int nodeCount, DmOptions options, LinkModel links, ulong seed)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(links);
            this.links = links;
            Simulator = new NetworkSimulator(nodeCount, new GossipOptions(), links, seed);
            Keys = new DmKeyDirectory(Math.Max(64, nodeCount));
            nodes = new DmSimNode[nodeCount];
            for (int i = 0; i < nodeCount; i++)
            {
                NodeKeyPair identity = NodeKeyPair.Generate();
                identities.Add(identity);
                Keys.Add(identity.PublicKey);
                indexById.Add(identity.Id.Value, i);
            }

            for (int i = 0; i < nodeCount; i++)
            {
                nodes[i] = new DmSimNode(i, new DirectMessenger(identities[i], Keys, options));
            }
        }

        /// <summary>The event engine (clock, random source, trace hash).</summary>
        public NetworkSimulator Simulator { get; }

        /// <summary>The key directory every node trusts (it knows all nodes).</summary>
        public DmKeyDirectory Keys { get; }

        /// <summary>Number of nodes.</summary>
        public int NodeCount => nodes.Length;

        /// <summary>The messengers' wall clock now, milliseconds.</summary>
        public long NowMs => EpochMs + Simulator.NowUs / 1000;

        /// <summary>Hops dropped by the per-hop loss draw.</summary>
        public long HopsLost { get; private set; }

        /// <summary>Hops that arrived at an offline node, or transmissions an offline node could not send.</summary>
        public long HopsToOffline { get; private set; }

        /// <summary>Direct frames a relay could not forward (no route, or the hop limit).</summary>
        public long RelayDrops { get; private set; }

        /// <summary>Node <paramref name="index"/>.</summary>
        public DmSimNode this[int index] => nodes[index];

        /// <summary>The id of node <paramref name="index"/>.</summary>
        public NodeId Id(int index)
        {
            return identities[index].Id;
        }

        /// <summary>Links two nodes both ways; <paramref name="lossRate"/> (0..1) overrides the link model's loss on this link.</summary>
        public void Link(int a, int b, double lossRate = double.NaN)
        {
            if (a == b || nodes[a].Neighbours.Contains(b))
            {
                return;
            }

            nodes[a].Neighbours.Add(b);
            nodes[b].Neighbours.Add(a);
            if (!double.IsNaN(lossRate))
            {
                nodes[a].Loss[b] = lossRate;
                nodes[b].Loss[a] = lossRate;
            }
        }

        /// <summary>Links the nodes into a chain 0 - 1 - ... - (N-1).</summary>
        public void LinkChain()
        {
            for (int i = 1; i < nodes.Length; i++)
            {
                Link(i - 1, i);
            }
        }

        /// <summary>Links the nodes into a grid of <paramref name="columns"/> columns, row by row.</summary>
        public void LinkGrid(int columns)
        {
            for (int i = 0; i < nodes.Length; i++)
            {
                if (i % columns != columns - 1 && i + 1 < nodes.Length)
                {
                    Link(i, i + 1);
                }

                if (i + columns < nodes.Length)
                {
                    Link(i, i + columns);
                }
            }
        }

        /// <summary>A chain through all nodes (so the mesh is connected) plus <paramref name="extraLinks"/> random links drawn from <paramref name="seed"/>.</summary>
        public void LinkRandomMesh(int extraLinks, ulong seed)
        {
            LinkChain();
            var random = new SeededRandom(SeededRandom.DeriveSeed(seed, 0xD11EC7UL));
            for (int k = 0; k < extraLinks && nodes.Length > 2; k++)
            {
                Link(random.Next(nodes.Length), random.Next(nodes.Length));
            }
        }

        /// <summary>Sends from node <paramref name="from"/> to node <paramref name="to"/> at <paramref name="atMs"/> (simulated, from zero).</summary>
        public void ScheduleSend(long atMs, int from, int to, byte[] payload, long lifetimeMs = 0)
        {
            Simulator.Schedule(Us(atMs), () => Send(from, to, payload, lifetimeMs));
        }

        /// <summary>Sends now; returns the engine's result (queued or refused).</summary>
        public DmSendResult Send(int from, int to, byte[] payload, long lifetimeMs = 0)
        {
            DmSendResult result = nodes[from].Messenger.Send(Id(to), payload, NowMs, Protocol.Payloads.PayloadType.Raw, lifetimeMs);
            AfterCall(from);
            return result;
        }

        /// <summary>Takes node <paramref name="index"/> offline at <paramref name="atMs"/>; it returns after <paramref name="forMs"/>, never when negative.</summary>
        public void ScheduleOffline(int index, long atMs, long forMs)
        {
            Simulator.Schedule(Us(atMs), () => nodes[index].Online = false);
            if (forMs >= 0)
            {
                Simulator.Schedule(Us(atMs + forMs), () => BringBack(index));
            }
        }

        /// <summary>Runs until <paramref name="ms"/> of simulated time.</summary>
        public void RunUntilMs(long ms)
        {
            Simulator.RunUntil(Us(ms));
        }

        /// <summary>Disposes the messengers and the identities.</summary>
        public void Dispose()
        {
            foreach (DmSimNode node in nodes)
            {
                node.Messenger.Dispose();
            }

            foreach (NodeKeyPair identity in identities)
            {
                identity.Dispose();
            }
        }

        private static long Us(long ms)
        {
            return ms * 1000;
        }

        private void BringBack(int index)
        {
            DmSimNode node = nodes[index];
            node.Online = true;
            Flood(index, ++node.Sequence, -1, Array.Empty<byte>()); // a beacon: the others learn a route to it
            node.Messenger.Tick(NowMs);
            AfterCall(index);
        }

        /// <summary>Carries what a node queued, hands out its outputs and schedules its next tick.</summary>
        private void AfterCall(int index)
        {
            DmSimNode node = nodes[index];
            while (node.Messenger.TryDequeue(out DmTransmission transmission))
            {
                if (!node.Online)
                {
                    HopsToOffline++;
                    continue;
                }

                byte[] packet = transmission.Packet.ToArray();
                int destination = indexById[transmission.Destination.Value];
                ulong sequence = ++node.Sequence;
                if (transmission.Path.Kind == DmPathKind.Direct)
                {
                    Hop(new DmHop(index, sequence, index, indexById[transmission.Path.NextHop.Value], destination, 0, packet, false));
                }
                else
                {
                    Flood(index, sequence, destination, packet);
                }
            }

            while (node.Messenger.TryTakeMessage(out DirectMessage? message))
            {
                node.Received.Add(message);
                Simulator.Trace.Add(0xD0000000UL | (uint)index);
            }

            while (node.Messenger.TryTakeReceipt(out DmReceipt receipt))
            {
                node.Receipts.Add(receipt);
                Simulator.Trace.Add(0xE0000000UL | ((ulong)receipt.Status << 16) | (uint)index);
            }

            long deadlineMs = node.Messenger.NextDeadlineMs;
            if (deadlineMs == long.MaxValue)
            {
                return;
            }

            long atUs = Math.Max(Simulator.NowUs, Us(deadlineMs - EpochMs));
            if (atUs < node.WakeAtUs)
            {
                node.WakeAtUs = atUs;
                Simulator.Schedule(atUs, () => Wake(index, atUs));
            }
        }

        private void Wake(int index, long atUs)
        {
            DmSimNode node = nodes[index];
            if (node.WakeAtUs != atUs)
            {
                return; // superseded by an earlier wake
            }

            node.WakeAtUs = long.MaxValue;
            if (node.Online)
            {
                node.Messenger.Tick(NowMs);
                AfterCall(index);
            }
        }

        private void Flood(int origin, ulong sequence, int destination, byte[] packet)
        {
            DmSimNode node = nodes[origin];
            node.Seen.Add((origin, sequence));
            foreach (int neighbour in node.Neighbours)
            {
                Hop(new DmHop(origin, sequence, origin, neighbour, destination, 0, packet, true));
            }
        }

        private void Hop(DmHop hop)
        {
            double loss = nodes[hop.From].Loss.TryGetValue(hop.To, out double own) ? own : links.LossRate;
            if (loss > 0 && Simulator.Random.NextDouble() < loss)
            {
                HopsLost++;
                return;
            }

            long latencyUs = links.SampleLatencyUs(hop.From, hop.To, Simulator.Random);
            Simulator.Trace.Add(((ulong)(uint)hop.From << 48) ^ ((ulong)(uint)hop.To << 32) ^ (ulong)(uint)hop.Packet.Length);
            Simulator.Schedule(Simulator.NowUs + latencyUs, () => Arrive(hop));
        }

        private void Arrive(DmHop hop)
        {
            DmSimNode node = nodes[hop.To];
            if (!node.Online)
            {
                HopsToOffline++;
                return;
            }

            DirectMessenger messenger = node.Messenger;
            if (hop.Flood)
            {
                if (!node.Seen.Add((hop.Origin, hop.Sequence)))
                {
                    return;
                }

                messenger.ObserveFrame(Id(hop.Origin), hop.Sequence, Id(hop.From), hop.Hops, NowMs);
                if (hop.Destination == hop.To && hop.Packet.Length > 0)
                {
                    messenger.Receive(hop.Packet, DmPathKind.GossipInbox, NowMs);
                }

                foreach (int neighbour in node.Neighbours)
                {
                    if (neighbour != hop.From && hop.Hops < WireFormat.MaxHops)
                    {
                        Hop(hop with { From = hop.To, To = neighbour, Hops = hop.Hops + 1 });
                    }
                }
            }
            else
            {
                messenger.ObserveFrame(Id(hop.Origin), hop.Sequence, Id(hop.From), hop.Hops, NowMs);
                if (hop.Destination == hop.To)
                {
                    messenger.Receive(hop.Packet, DmPathKind.Direct, NowMs);
                }
                else if (hop.Hops < WireFormat.MaxHops && messenger.Routes.TryGetNextHop(Id(hop.Destination), NowMs, out NodeId next, out _))
                {
                    Hop(hop with { From = hop.To, To = indexById[next.Value], Hops = hop.Hops + 1 });
                }
                else
                {
                    RelayDrops++;
                }
            }

            AfterCall(hop.To);
        }

        private readonly record struct DmHop(int Origin, ulong Sequence, int From, int To, int Destination, int Hops, byte[] Packet, bool Flood);
    }
}

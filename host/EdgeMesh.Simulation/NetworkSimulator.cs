using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using EdgeMesh.Gossip;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// A seeded discrete-event simulator of N nodes running the real <see cref="GossipNode"/> state
    /// machines over a <see cref="LinkModel"/>: frames are encoded, carried, lost or delayed, and
    /// decoded by the receiver; timers fire at their deadlines; nodes crash, restart and get
    /// partitioned by script. Node i has id i + 1. One seed gives one trace (<see cref="Trace"/>).
    /// </summary>
    public sealed class NetworkSimulator
    {
        private readonly DeadlineQueue<SimEvent> queue = new DeadlineQueue<SimEvent>();
        private readonly SimNode[] nodes;

        // Partition groups by node, in an array of their own: every arriving frame compares the
        // sender's group with the receiver's, and the rest of the sender's record is not needed.
        private readonly int[] groups;
        private readonly List<Action> actions = new List<Action>();
        private readonly GossipOptions options;
        private readonly LinkModel links;
        private readonly FrameBufferPool pool;
        private readonly SeededRandom random;
        private readonly ulong seed;
        private readonly long[] eventsByKind = new long[8];

        /// <summary>Creates a network of <paramref name="nodeCount"/> nodes, all down until started.</summary>
        public NetworkSimulator(int nodeCount, GossipOptions options, LinkModel links, ulong seed)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(links);
            if (nodeCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(nodeCount));
            }

            options.Validate();
            links.Validate();
            this.options = options;
            this.links = links;
            this.seed = seed;
            random = new SeededRandom(SeededRandom.DeriveSeed(seed, 0xFFFF_FFFF_0000UL));
            pool = new FrameBufferPool(options.MaxFrameLength, 1 << 16);
            nodes = new SimNode[nodeCount];
            groups = new int[nodeCount];
            for (int i = 0; i < nodeCount; i++)
            {
                nodes[i].WakeAtUs = long.MaxValue;
            }
        }

        /// <summary>Number of node slots.</summary>
        public int NodeCount
        {
            get { return nodes.Length; }
        }

        /// <summary>Current simulated time, microseconds.</summary>
        public long NowUs { get; private set; }

        /// <summary>Events processed so far.</summary>
        public long Events { get; private set; }

        /// <summary>Hash of everything processed so far.</summary>
        public TraceHash Trace { get; } = new TraceHash();

        /// <summary>Receives measurements; may be null.</summary>
        public SimulationObserver? Observer { get; set; }

        /// <summary>Called with the fraction of simulated time done, every 65,536 events; may be null.</summary>
        public Action<double>? Progress { get; set; }

        /// <summary>Events processed so far of one kind.</summary>
        public long EventsOf(SimEventKind kind)
        {
            return eventsByKind[(int)kind];
        }

        /// <summary>Frames handed to uplinks.</summary>
        public long FramesSent { get; private set; }

        /// <summary>Frames lost to the loss rate.</summary>
        public long FramesLost { get; private set; }

        /// <summary>Frames dropped because sender and receiver were in different partitions.</summary>
        public long FramesPartitioned { get; private set; }

        /// <summary>Frames that arrived at a crashed node.</summary>
        public long FramesToDownNodes { get; private set; }

        /// <summary>The random source scripts use (seeded from the run seed).</summary>
        public IRandomSource Random
        {
            get { return random; }
        }

        /// <summary>The id of node <paramref name="index"/>.</summary>
        public static NodeId IdOf(int index)
        {
            return new NodeId((ulong)index + 1);
        }

        /// <summary>The index of a node id, or -1.</summary>
        public int IndexOf(NodeId id)
        {
            ulong i = id.Value - 1;
            return id.Value != 0 && i < (ulong)nodes.Length ? (int)i : -1;
        }

        /// <summary>The running state machine of node <paramref name="index"/>, or null while it is down.</summary>
        public GossipNode? Node(int index)
        {
            return nodes[index].Up ? nodes[index].Gossip : null;
        }

        /// <summary>True while node <paramref name="index"/> runs.</summary>
        public bool IsUp(int index)
        {
            return nodes[index].Up;
        }

        /// <summary>When node <paramref name="index"/> last booted (microseconds).</summary>
        public long UpSinceUs(int index)
        {
            return nodes[index].UpSinceUs;
        }

        /// <summary>The partition group of node <paramref name="index"/> (frames cross groups only when equal).</summary>
        public int GroupOf(int index)
        {
            return groups[index];
        }

        /// <summary>Puts a node into a partition group (0 for everyone means no partition).</summary>
        public void SetGroup(int index, int group)
        {
            groups[index] = group;
        }

        /// <summary>Boots a node at <paramref name="atUs"/>, joining through <paramref name="contact"/> (-1: a random running node).</summary>
        public void ScheduleStart(int index, long atUs, int contact)
        {
            queue.Push(atUs, new SimEvent { TimeUs = atUs, Kind = SimEventKind.Start, Node = index, Aux = contact });
        }

        /// <summary>Crashes a node at <paramref name="atUs"/>.</summary>
        public void ScheduleCrash(int index, long atUs)
        {
            queue.Push(atUs, new SimEvent { TimeUs = atUs, Kind = SimEventKind.Crash, Node = index });
        }

        /// <summary>Reboots a crashed node at <paramref name="atUs"/> with a higher incarnation; it joins through a random running node.</summary>
        public void ScheduleRestart(int index, long atUs)
        {
            queue.Push(atUs, new SimEvent { TimeUs = atUs, Kind = SimEventKind.Restart, Node = index, Aux = -1 });
        }

        /// <summary>Runs <paramref name="action"/> at <paramref name="atUs"/>.</summary>
        public void Schedule(long atUs, Action action)
        {
            actions.Add(action);
            queue.Push(atUs, new SimEvent { TimeUs = atUs, Kind = SimEventKind.Action, Aux = actions.Count - 1 });
        }

        /// <summary>Publishes from a running node now (call from a scheduled action).</summary>
        public FrameError Publish(int index, ulong topic, Priority priority, byte[] payload, out MessageId id)
        {
            ref SimNode n = ref nodes[index];
            if (!n.Up)
            {
                id = default(MessageId);
                return FrameError.InvalidArgument;
            }

            FrameError error = n.Gossip!.Publish(topic, priority, PayloadTypes.Raw, payload, 0, payload.Length, NowMs, out id);
            if (error == FrameError.None)
            {
                Observer?.OnPublished(index, id, NowUs);
            }

            AfterCall(index);
            return error;
        }

        /// <summary>Processes events until simulated time <paramref name="endUs"/> (inclusive) or no events remain.</summary>
        public void RunUntil(long endUs)
        {
            long startUs = NowUs;
            while (queue.NextDue <= endUs)
            {
                queue.TryPop(out _, out SimEvent e);
                NowUs = e.TimeUs;
                Events++;
                eventsByKind[(int)e.Kind]++;
                Trace.Add(((ulong)e.TimeUs << 8) ^ (ulong)e.Kind);
                Trace.Add(((ulong)(uint)e.Node << 32) | (uint)e.Length);
                Process(ref e);
                if ((Events & 0xFFFF) == 0 && Progress != null && endUs > startUs)
                {
                    Progress((double)(NowUs - startUs) / (endUs - startUs));
                }
            }

            NowUs = Math.Max(NowUs, endUs);
        }

        private long NowMs
        {
            get { return NowUs / 1000; }
        }

        private void Process(ref SimEvent e)
        {
            ref SimNode n = ref nodes[e.Node];
            switch (e.Kind)
            {
                case SimEventKind.Deliver:
                    Arrive(e.Node, e.Aux, e.Buffer!, e.Length);
                    break;
                case SimEventKind.Wake:
                    if (n.Up && e.Aux == n.Generation && e.TimeUs == n.WakeAtUs)
                    {
                        n.WakeAtUs = long.MaxValue;
                        n.Gossip!.Tick(NowMs);
                        AfterCall(e.Node);
                    }

                    break;
                case SimEventKind.NicFree:
                    if (n.Up && e.Aux == n.Generation)
                    {
                        n.NicBusy = false;
                        StartNic(e.Node);
                    }

                    break;
                case SimEventKind.Start:
                case SimEventKind.Restart:
                    Boot(e.Node, e.Aux);
                    break;
                case SimEventKind.Crash:
                    if (n.Up)
                    {
                        n.Up = false;
                        n.Gossip = null;
                        n.Generation++;
                        n.WakeAtUs = long.MaxValue;
                        n.NicBusy = false;
                        Observer?.OnNodeCrashed(e.Node, NowUs);
                    }

                    break;
                case SimEventKind.Action:
                    actions[e.Aux]();
                    actions[e.Aux] = null!;
                    break;
            }
        }

        private void Boot(int index, int contact)
        {
            ref SimNode n = ref nodes[index];
            if (n.Up)
            {
                return;
            }

            uint incarnation = n.Boots++;
            var rng = new SeededRandom(SeededRandom.DeriveSeed(seed, ((ulong)index << 20) | incarnation));
            n.Gossip = new GossipNode(IdOf(index), options, rng, pool, incarnation, NowMs);
            n.Up = true;
            n.Generation++;
            n.UpSinceUs = NowUs;
            n.WakeAtUs = long.MaxValue;
            n.NicBusy = false;
            Observer?.OnNodeStarted(index, n.Gossip, NowUs);
            if (contact < 0 || !nodes[contact].Up)
            {
                contact = RandomUpNode(index);
            }

            if (contact >= 0)
            {
                n.Gossip.Join(IdOf(contact), NowMs);
            }

            AfterCall(index);
        }

        private int RandomUpNode(int except)
        {
            int up = 0;
            for (int i = 0; i < nodes.Length; i++)
            {
                if (nodes[i].Up && i != except)
                {
                    up++;
                }
            }

            if (up == 0)
            {
                return -1;
            }

            int pick = random.Next(up);
            for (int i = 0; i < nodes.Length; i++)
            {
                if (nodes[i].Up && i != except && pick-- == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private void Arrive(int to, int from, byte[] buffer, int length)
        {
            ref SimNode n = ref nodes[to];
            if (!n.Up)
            {
                FramesToDownNodes++;
            }
            else if (groups[from] != groups[to])
            {
                FramesPartitioned++;
            }
            else
            {
                Trace.Add(length >= 20 ? BinaryPrimitives.ReadUInt64BigEndian(buffer.AsSpan(12)) : 0);
                Observer?.OnFrameArrived(to, buffer, length, NowUs);
                n.Gossip!.Receive(buffer, 0, length, NowMs);
                AfterCall(to);
            }

            pool.Return(buffer);
        }

        /// <summary>Collects a node's outputs after any call into it: deliveries, frames, next wake-up.</summary>
        private void AfterCall(int index)
        {
            ref SimNode n = ref nodes[index];
            GossipNode gossip = n.Gossip!;
            while (gossip.TryTakeDelivery(out Delivery delivery))
            {
                Observer?.OnDelivery(index, delivery, NowUs);
            }

            if (links.BandwidthBitsPerSecond == 0)
            {
                while (gossip.TryDequeue(out OutboundFrame frame))
                {
                    Transmit(index, frame, NowUs);
                }
            }
            else
            {
                StartNic(index);
            }

            long due = gossip.NextDeadlineMs;
            long dueUs = due == long.MaxValue ? long.MaxValue : Math.Max(NowUs, due * 1000);
            if (dueUs != n.WakeAtUs)
            {
                // A wake-up scheduled for an earlier, since cancelled deadline is left in the queue
                // and skipped when it comes up (its time no longer matches).
                n.WakeAtUs = dueUs;
                if (dueUs != long.MaxValue)
                {
                    queue.Push(dueUs, new SimEvent { TimeUs = dueUs, Kind = SimEventKind.Wake, Node = index, Aux = n.Generation });
                }
            }
        }

        private void StartNic(int index)
        {
            ref SimNode n = ref nodes[index];
            if (n.NicBusy || !n.Gossip!.TryDequeue(out OutboundFrame frame))
            {
                return;
            }

            long doneUs = NowUs + links.TransmitUs(frame.Length);
            n.NicBusy = true;
            queue.Push(doneUs, new SimEvent { TimeUs = doneUs, Kind = SimEventKind.NicFree, Node = index, Aux = n.Generation });
            Transmit(index, frame, doneUs);
        }

        private void Transmit(int from, OutboundFrame frame, long departUs)
        {
            FramesSent++;
            Observer?.OnFrameSent(from, frame, NowUs);
            int to = IndexOf(frame.To);
            if (to < 0 || (links.LossRate > 0 && random.NextDouble() < links.LossRate))
            {
                FramesLost++;
                pool.Return(frame.Buffer);
                return;
            }

            long arrival = departUs + links.SampleLatencyUs(from, to, random);
            queue.Push(arrival, new SimEvent { TimeUs = arrival, Kind = SimEventKind.Deliver, Node = to, Aux = from, Buffer = frame.Buffer, Length = frame.Length });
        }

        // A struct in one array: every event reads its node's entry, and a thousand of them fit in
        // a few dozen kilobytes instead of a thousand scattered objects.
        private struct SimNode
        {
            public GossipNode? Gossip;
            public bool Up;
            public int Generation;
            public uint Boots;
            public long UpSinceUs;
            public long WakeAtUs;
            public bool NicBusy;
        }
    }
}

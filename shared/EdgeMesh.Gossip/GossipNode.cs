using System;
using EdgeMesh.Gossip.Broadcast;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Membership;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip
{
    /// <summary>
    /// One node of the gossip layer: HyParView membership, SWIM failure detection and per-topic
    /// PlumTree broadcast behind a sans-IO interface. Inputs: <see cref="Receive"/> (a frame from the
    /// network), <see cref="Tick"/> (the injected clock reached <see cref="NextDeadlineMs"/>) and the
    /// application calls. Outputs: frames to send (<see cref="TryDequeue(out OutboundFrame)"/>) and
    /// deliveries (<see cref="TryTakeDelivery"/>). No sockets, threads, clock or unseeded randomness;
    /// not thread-safe: one driver owns a node.
    /// </summary>
    public sealed class GossipNode
    {
        private readonly FrameBufferPool pool;
        private readonly Outbox outbox;
        private readonly PlumTree tree;
        private readonly FifoRing<Delivery> deliveries;
        private ulong controlSequence;

        /// <summary>
        /// Creates a node. <paramref name="incarnation"/> must grow across restarts of the same id
        /// (a persisted boot counter or the start time in seconds) so that earlier death notices
        /// cannot hold the new instance out.
        /// </summary>
        public GossipNode(NodeId self, GossipOptions options, IRandomSource random, FrameBufferPool pool, uint incarnation, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(random);
            ArgumentNullException.ThrowIfNull(pool);
            if (self.IsEmpty)
            {
                throw new ArgumentException("The all-zero node id is never assigned.", nameof(self));
            }

            options.Validate();
            if (pool.BufferSize < options.MaxFrameLength)
            {
                throw new ArgumentException("Pool buffers are smaller than MaxFrameLength.", nameof(pool));
            }

            Self = self;
            Options = options;
            Random = random;
            Incarnation = incarnation;
            Now = nowMs;
            this.pool = pool;
            Counters = new GossipCounters();
            Timers = new TimerQueue();
            outbox = new Outbox(Counters, pool, options.SendQueueCapacity, options.MaxQueuedPeers);
            deliveries = new FifoRing<Delivery>(options.DeliveryQueueCapacity);
            Views = new HyParView(this);
            Swim = new SwimDetector(this, Views);
            Overlay = new OverlayTree(this);
            tree = new PlumTree(this);
            Views.Start(nowMs);
            Swim.Start(nowMs);
            tree.Start(nowMs);
        }

        /// <summary>This node's id.</summary>
        public NodeId Self { get; }

        /// <summary>This node's incarnation; raised when it refutes a suspicion or death notice.</summary>
        public uint Incarnation { get; internal set; }

        /// <summary>The parameters (validated; do not change them after construction).</summary>
        public GossipOptions Options { get; }

        /// <summary>Counters of work done and of everything dropped or evicted.</summary>
        public GossipCounters Counters { get; }

        /// <summary>The active view: symmetric neighbours that carry broadcasts and are probed.</summary>
        public PeerView ActiveView
        {
            get { return Views.Active; }
        }

        /// <summary>The passive view: backups to replace failed neighbours.</summary>
        public PeerView PassiveView
        {
            get { return Views.Passive; }
        }

        /// <summary>Nodes currently suspected.</summary>
        public int SuspectCount
        {
            get { return Swim.SuspectCount; }
        }

        /// <summary>Messages announced by IHAVE and still awaited.</summary>
        public int MissingCount
        {
            get { return tree.MissingCount; }
        }

        /// <summary>When <see cref="Tick"/> must next be called; <see cref="long.MaxValue"/> when nothing is scheduled.</summary>
        public long NextDeadlineMs
        {
            get
            {
                // Cancelled timers stay in the heap; drop the ones at the top so drivers do not wake for them.
                while (Timers.TryPeek(out TimerKind kind, out ulong a, out ulong b) && !IsLive(kind, a, b))
                {
                    Timers.PopTop();
                }

                return Timers.NextDue;
            }
        }

        /// <summary>Frames waiting in the send queues.</summary>
        public int PendingFrames
        {
            get { return outbox.Pending; }
        }

        /// <summary>Deliveries waiting for the application.</summary>
        public int PendingDeliveries
        {
            get { return deliveries.Count; }
        }

        internal long Now { get; private set; }

        internal ulong TimestampMs
        {
            get { return (ulong)Math.Max(0, Now) & WireFormat.MaxTimestampMs; }
        }

        internal IRandomSource Random { get; }

        internal TimerQueue Timers { get; }

        internal HyParView Views { get; }

        internal SwimDetector Swim { get; }

        internal OverlayTree Overlay { get; }

        /// <summary>Joins the overlay through <paramref name="contact"/> (retried while the node knows nobody).</summary>
        public void Join(NodeId contact, long nowMs)
        {
            Advance(nowMs);
            Views.Join(contact);
        }

        /// <summary>Handles one received frame (exactly one Membership frame). Bad input is counted, never thrown.</summary>
        public void Receive(byte[] buffer, int offset, int count, long nowMs)
        {
            Advance(nowMs);
            Counters.FramesReceived++;
            ControlMessage incoming = ControlScratch.Incoming;
            FrameError error = ControlCodec.Decode(buffer, offset, count, Options.MaxFrameLength, incoming, out FrameHeader header);
            if (error != FrameError.None)
            {
                Counters.CountDecodeError(error);
                return;
            }

            NodeId from = header.Sender;
            if (from == Self || (header.Destination != 0 && header.Destination != Self.Value))
            {
                Counters.FramesMisaddressed++;
                return;
            }

            SwimDetector.Evidence evidence = Swim.Observe(from, incoming.Incarnation);
            Dispatch(from, incoming, evidence);
        }

        /// <summary>Runs every timer due at <paramref name="nowMs"/>.</summary>
        public void Tick(long nowMs)
        {
            Advance(nowMs);
            while (Timers.TryPopDue(Now, out TimerKind kind, out ulong a, out ulong b))
            {
                switch (kind)
                {
                    case TimerKind.Probe: Swim.OnProbeTimer(); break;
                    case TimerKind.ProbeTimeout: Swim.OnProbeTimeout((uint)a); break;
                    case TimerKind.Suspicion: Swim.OnSuspicionTimer(new NodeId(a), (long)b); break;
                    case TimerKind.Reconnect: Swim.OnReconnectTimer(); break;
                    case TimerKind.PassiveProbe: Swim.OnPassiveProbeTimer(); break;
                    case TimerKind.Shuffle: Views.OnShuffleTimer(); break;
                    case TimerKind.Repair: Views.OnRepairTimer(); break;
                    case TimerKind.NeighborTimeout: Views.OnNeighborTimeout(new NodeId(a), b); break;
                    case TimerKind.LazyFlush: tree.OnLazyFlush(); break;
                    case TimerKind.AntiEntropy: tree.OnAntiEntropyTimer(); break;
                    case TimerKind.Missing: tree.OnMissingTimer(new MessageId(new NodeId(a), b)); break;
                }
            }
        }

        /// <summary>Delivers broadcasts on <paramref name="topic"/> to this node's application. False when the topic table is full.</summary>
        public bool Subscribe(ulong topic)
        {
            return tree.Subscribe(topic);
        }

        /// <summary>Stops delivering <paramref name="topic"/> (the node may still relay it).</summary>
        public void Unsubscribe(ulong topic)
        {
            tree.Unsubscribe(topic);
        }

        /// <summary>True when <paramref name="topic"/> is delivered here.</summary>
        public bool IsSubscribed(ulong topic)
        {
            return tree.IsSubscribed(topic);
        }

        /// <summary>
        /// Broadcasts a payload on a topic. The node builds the Publish frame (unauthenticated: a
        /// security layer signs frames before they leave the host) and does not deliver it to itself.
        /// </summary>
        public FrameError Publish(ulong topic, Priority priority, ushort payloadType, byte[] payload, int offset, int count, long nowMs, out MessageId id)
        {
            Advance(nowMs);
            return tree.Publish(topic, priority, payloadType, payload, offset, count, out id);
        }

        /// <summary>
        /// Broadcasts this node's own Publish frame, already sealed (and signed) by a security layer,
        /// so it travels byte for byte and receivers can check the originator end to end. The frame's
        /// sender must be this node and its sender and sequence form the message id. The node copies
        /// the frame and does not deliver it to itself.
        /// </summary>
        public FrameError PublishFrame(byte[] frame, int offset, int count, long nowMs, out MessageId id)
        {
            Advance(nowMs);
            return tree.PublishFrame(frame, offset, count, out id);
        }

        /// <summary>True when this node holds a tombstone for <paramref name="id"/> (it considers the node dead).</summary>
        public bool IsKnownDead(NodeId id)
        {
            return Swim.IsTombstoned(id);
        }

        /// <summary>Root of the overlay tree as this node sees it (the smallest live id it knows of).</summary>
        public NodeId TreeRoot
        {
            get { return Overlay.Root; }
        }

        /// <summary>This node's parent in the overlay tree (empty at the root).</summary>
        public NodeId TreeParent
        {
            get { return Overlay.Parent; }
        }

        /// <summary>This node's distance in hops to <see cref="TreeRoot"/>.</summary>
        public int TreeDistance
        {
            get { return Overlay.Distance; }
        }

        /// <summary>
        /// Copies the eager (tree) peers of the (<paramref name="topic"/>, <paramref name="root"/>) tree
        /// into <paramref name="destination"/>; returns how many, or -1 when the node holds no such tree.
        /// </summary>
        public int CopyEagerPeers(ulong topic, NodeId root, NodeId[] destination)
        {
            TopicTree? t = tree.Tree(topic, root);
            if (t == null)
            {
                return -1;
            }

            return t.CopyEager(destination);
        }

        /// <summary>Takes the next frame to send: most urgent first, round-robin between peers.</summary>
        public bool TryDequeue(out OutboundFrame frame)
        {
            return outbox.TryDequeue(out frame);
        }

        /// <summary>Takes the next frame for one peer (drivers with one link per peer).</summary>
        public bool TryDequeue(NodeId peer, out OutboundFrame frame)
        {
            return outbox.TryDequeue(peer, out frame);
        }

        /// <summary>Takes the oldest delivery waiting for the application.</summary>
        public bool TryTakeDelivery(out Delivery delivery)
        {
            if (deliveries.Count == 0)
            {
                delivery = default(Delivery);
                return false;
            }

            delivery = deliveries.Dequeue();
            return true;
        }

        internal ControlMessage Compose(ControlType type)
        {
            ControlMessage outgoing = ControlScratch.Outgoing;
            outgoing.Reset(type);
            outgoing.Incarnation = Incarnation;
            return outgoing;
        }

        internal void Send(NodeId to, ControlMessage message, Priority priority)
        {
            byte[] buffer = pool.Rent();
            FrameError error = ControlCodec.Encode(message, Self, ++controlSequence, TimestampMs, to, priority, buffer, 0, Options.MaxFrameLength - Options.LinkTrailerLength, out int written);
            if (error != FrameError.None)
            {
                Counters.EncodeFailures++;
                pool.Return(buffer);
                return;
            }

            if (message.Type == ControlType.Gossip)
            {
                Counters.PayloadsSent++;
            }

            outbox.Enqueue(new OutboundFrame(to, priority, buffer, written));
        }

        internal void Deliver(Delivery delivery)
        {
            if (deliveries.IsFull)
            {
                deliveries.Dequeue();
                Counters.DeliveryQueueDrops++;
            }

            deliveries.Enqueue(delivery);
            Counters.Delivered++;
        }

        internal void OnNeighborUp(NodeId peer)
        {
            tree.OnNeighborUp(peer);
            Overlay.OnNeighborUp(peer);
        }

        internal void OnNeighborDown(NodeId peer)
        {
            tree.OnNeighborDown(peer);
            Overlay.OnNeighborDown(peer);
        }

        internal void OnMemberDead(NodeId dead)
        {
            Overlay.OnDead(dead);
        }

        private bool IsLive(TimerKind kind, ulong a, ulong b)
        {
            switch (kind)
            {
                case TimerKind.ProbeTimeout: return Swim.IsProbeTimeoutLive((uint)a);
                case TimerKind.Suspicion: return Swim.IsSuspicionLive(new NodeId(a), (long)b);
                case TimerKind.NeighborTimeout: return Views.IsNeighborTimeoutLive(new NodeId(a), b);
                case TimerKind.Missing: return tree.IsMissing(new MessageId(new NodeId(a), b));
                default: return true;
            }
        }

        private void Advance(long nowMs)
        {
            if (nowMs > Now)
            {
                Now = nowMs;
            }
        }

        private void Dispatch(NodeId from, ControlMessage m, SwimDetector.Evidence evidence)
        {
            switch (m.Type)
            {
                case ControlType.Join: Views.OnJoin(from, m.Incarnation); break;
                case ControlType.ForwardJoin: Views.OnForwardJoin(from, m); break;
                case ControlType.JoinAccept: Views.OnJoinAccept(from, m.Incarnation); break;
                case ControlType.Neighbor: Views.OnNeighbor(from, m.Incarnation, (m.Flags & ControlFlags.HighPriority) != 0); break;
                case ControlType.NeighborReply: Views.OnNeighborReply(from, m.Incarnation, (m.Flags & ControlFlags.Accepted) != 0); break;
                case ControlType.Disconnect: Views.OnDisconnect(from); break;
                case ControlType.Shuffle: Views.OnShuffle(from, m); break;
                case ControlType.ShuffleReply: Views.OnShuffleReply(m); break;
                case ControlType.Ping: Swim.OnPing(from, m); break;
                case ControlType.Ack: Swim.OnAck(from, m); break;
                case ControlType.PingReq: Swim.OnPingReq(from, m); break;
                case ControlType.Suspect: Swim.OnSuspect(from, m); break;
                case ControlType.Alive: Swim.OnAlive(from, m, evidence); break;
                case ControlType.Dead: Swim.OnDead(from, m); break;
                case ControlType.Gossip: tree.OnGossip(from, m); break;
                case ControlType.IHave: tree.OnIHave(from, m); break;
                case ControlType.Graft: tree.OnGraft(from, m); break;
                case ControlType.Prune: tree.OnPrune(from, m); break;
                case ControlType.TreeAdvert: Overlay.OnAdvert(from, m); break;
            }
        }
    }
}

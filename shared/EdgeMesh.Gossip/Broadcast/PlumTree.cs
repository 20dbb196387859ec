using System;
using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// PlumTree (Leitão, Pereira, Rodrigues, SRDS 2007) over the HyParView active view: payloads
    /// travel eagerly along tree links, ids travel lazily (IHAVE) along the others; a duplicate
    /// PRUNEs a link into the lazy set, a missing message GRAFTs one back. Trees are kept per topic
    /// and root (<see cref="TopicState"/>) and start from the overlay tree (<see cref="OverlayTree"/>). Every node relays every topic it hears about (bounded by
    /// <see cref="GossipOptions.MaxTopics"/>) and delivers only topics it subscribed to. The payload
    /// is the originator's Publish frame, relayed unchanged so that its end-to-end authentication
    /// survives; the round travels beside it.
    /// </summary>
    internal sealed partial class PlumTree
    {
        private readonly GossipNode node;
        private readonly GossipOptions options;
        private readonly IdTable<TopicState> topics = new IdTable<TopicState>();
        private readonly HashSet<ulong> subscriptions = new HashSet<ulong>();
        private readonly MessageStore store;
        private readonly LazyQueues lazy;
        private ulong publishSequence;

        // Fleets mostly broadcast on a few topics, often one: the last topic looked up saves a
        // table probe on most frames.
        private TopicState? lastTopic;

        internal PlumTree(GossipNode node)
        {
            this.node = node;
            options = node.Options;
            store = new MessageStore(options.SeenCapacity, options.MessageCacheCapacity, node.Counters);
            lazy = new LazyQueues(options.LazyQueueCapacity);
        }

        internal int TopicCount
        {
            get { return topics.Count; }
        }

        internal bool Subscribe(ulong topic)
        {
            TopicState? state = GetTopic(topic, true);
            if (state == null)
            {
                return false;
            }

            subscriptions.Add(topic);
            state.Subscribed = true;
            return true;
        }

        internal void Unsubscribe(ulong topic)
        {
            subscriptions.Remove(topic);
            if (topics.TryGetValue(topic, out TopicState? state))
            {
                state.Subscribed = false;
            }
        }

        internal bool IsSubscribed(ulong topic)
        {
            return subscriptions.Contains(topic);
        }

        /// <summary>The tree of one topic and root, if held (for tests and diagnostics).</summary>
        internal TopicTree? Tree(ulong topic, NodeId root)
        {
            return topics.TryGetValue(topic, out TopicState? state) ? state.Find(root) : null;
        }

        internal FrameError Publish(ulong topic, Priority priority, ushort payloadType, byte[] payload, int offset, int count, out MessageId id)
        {
            id = default(MessageId);
            if (count < 0 || (count > 0 && (payload == null || offset < 0 || offset > payload.Length - count)))
            {
                return FrameError.InvalidArgument;
            }

            // The relayed form is an outer header, the control prefix and round, then this frame.
            int overhead = (2 * WireFormat.HeaderLength) + GossipWire.CommonLength + 2;
            if (count > options.MaxFrameLength - overhead)
            {
                return FrameError.PayloadTooLarge;
            }

            TopicState? state = GetTopic(topic, true);
            if (state == null)
            {
                return FrameError.PoolExhausted;
            }

            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = SecurityMode.None,
                Priority = priority,
                Sender = node.Self,
                Sequence = ++publishSequence,
                TimestampMs = node.TimestampMs,
                Destination = topic,
                PayloadType = payloadType,
                PayloadLength = count,
            };
            byte[] frame = new byte[header.FrameLength];
            FrameError error = FrameCodec.Encode(ref header, payload!, offset, count, frame, 0, frame.Length, out _);
            if (error != FrameError.None)
            {
                return error;
            }

            id = new MessageId(node.Self, header.Sequence);
            Originate(state, id, priority, frame);
            return FrameError.None;
        }

        /// <summary>Remembers this node's new message and sends its first hop.</summary>
        private void Originate(TopicState state, MessageId id, Priority priority, byte[] frame)
        {
            store.Add(id, state.Topic, 0, priority, node.Self, frame, node.Now);
            node.Counters.Published++;
            TreeOf(state, node.Self);

            // The publisher pushes to every neighbour, not only its tree links: a tree link to a
            // neighbour that died unnoticed would otherwise leave the message to IHAVE and GRAFT,
            // which fails if the publisher dies too. Costs at most a few duplicates per message,
            // which PRUNE turns into a tree with the publisher's neighbours one hop from it.
            Membership.PeerView active = node.Views.Active;
            for (int i = 0; i < active.Count; i++)
            {
                SendPayload(active[i], frame, 1, priority);
            }
        }

        internal void OnGossip(NodeId from, ControlMessage m)
        {
            ref FrameHeader inner = ref m.InnerHeader;
            var id = new MessageId(inner.Sender, inner.Sequence);
            ulong topic = inner.Destination;
            bool linked = node.Views.Active.Contains(from);
            TopicState? state = GetTopic(topic, true);
            TopicTree? tree = state == null ? null : TreeOf(state, id.Origin);
            if (id.Origin == node.Self || store.Contains(id))
            {
                node.Counters.DuplicatePayloads++;
                if (tree != null && linked)
                {
                    OnDuplicate(state!, tree, from, id);
                }

                return;
            }

            byte[] frame = new byte[m.InnerLength];
            Array.Copy(m.Inner!, m.InnerOffset, frame, 0, m.InnerLength);
            store.Add(id, topic, m.Round, inner.Priority, from, frame, node.Now);
            ForgetMissing(id);
            if (subscriptions.Contains(topic))
            {
                node.Deliver(new Delivery(topic, id, m.Round, inner.Priority, inner.PayloadType, inner.TimestampMs, frame, frame.Length));
            }

            if (tree == null)
            {
                return;
            }

            if (linked)
            {
                tree.MakeEager(from);
            }

            if (m.Round >= options.MaxRounds)
            {
                node.Counters.RoundLimitDrops++;
                return;
            }

            Forward(tree, topic, id, frame, m.Round + 1, inner.Priority, from);
        }

        internal void OnGraft(NodeId from, ControlMessage m)
        {
            TopicState? state = GetTopic(m.Topic, true);
            if (state != null && node.Views.Active.Contains(from))
            {
                TreeOf(state, m.Message.Origin).MakeEager(from);
            }

            if ((m.Flags & ControlFlags.WantMessage) == 0)
            {
                return;
            }

            if (store.TryGet(m.Message, out MessageStore.Entry entry) && entry.Frame != null)
            {
                SendPayload(from, entry.Frame, entry.Round + 1, entry.Priority);
            }
            else
            {
                node.Counters.GraftMisses++;
            }
        }

        internal void OnPrune(NodeId from, ControlMessage m)
        {
            TopicTree? tree;
            if (topics.TryGetValue(m.Topic, out TopicState? state) && node.Views.Active.Contains(from) && (tree = state.Find(m.Subject)) != null)
            {
                tree.MakeLazy(from);
            }
        }

        internal void OnNeighborUp(NodeId peer)
        {
            for (int slot = 0; slot < topics.SlotCount; slot++)
            {
                topics.ValueAt(slot)?.OnNeighborUp(peer);
            }

            AnnounceRecent(peer);
        }

        internal void OnNeighborDown(NodeId peer)
        {
            for (int slot = 0; slot < topics.SlotCount; slot++)
            {
                topics.ValueAt(slot)?.OnNeighborDown(peer);
            }

            lazy.Drop(peer);
        }

        private TopicTree TreeOf(TopicState state, NodeId root)
        {
            return state.Get(root, node.Views.Active, node.Overlay, node.Now, options.MaxRootsPerTopic, node.Counters);
        }

        private void Forward(TopicTree tree, ulong topic, MessageId id, byte[] frame, int round, Priority priority, NodeId except)
        {
            for (int i = 0; i < tree.EagerCount; i++)
            {
                NodeId peer = tree.EagerAt(i);
                if (peer != except)
                {
                    SendPayload(peer, frame, round, priority);
                }
            }

            for (int i = 0; i < tree.LazyCount; i++)
            {
                NodeId peer = tree.LazyAt(i);
                if (peer != except)
                {
                    QueueIHave(peer, new IHaveEntry(topic, id, round));
                }
            }
        }

        /// <summary>A second copy arrived: the link it came over is redundant in this root's tree.</summary>
        private void OnDuplicate(TopicState state, TopicTree tree, NodeId from, MessageId id)
        {
            tree.MakeLazy(from);
            SendPrune(from, state.Topic, id.Origin);
        }

        private void SendPrune(NodeId to, ulong topic, NodeId root)
        {
            ControlMessage prune = node.Compose(ControlType.Prune);
            prune.Topic = topic;
            prune.Subject = root;
            node.Send(to, prune, Priority.Control);
            node.Counters.PrunesSent++;
        }

        private void SendPayload(NodeId to, byte[] frame, int round, Priority priority)
        {
            ControlMessage m = node.Compose(ControlType.Gossip);
            m.Round = Math.Min(round, ushort.MaxValue);
            m.Inner = frame;
            m.InnerOffset = 0;
            m.InnerLength = frame.Length;
            node.Send(to, m, priority);
        }

        /// <summary>The topic's state, created on first use (evicting the least recently used unsubscribed topic when full).</summary>
        private TopicState? GetTopic(ulong topic, bool create)
        {
            TopicState? state = lastTopic;
            if ((state != null && state.Topic == topic) || topics.TryGetValue(topic, out state))
            {
                state.LastUsedMs = node.Now;
                lastTopic = state;
                return state;
            }

            if (!create)
            {
                return null;
            }

            if (topics.Count >= options.MaxTopics)
            {
                TopicState? victim = null;
                for (int slot = 0; slot < topics.SlotCount; slot++)
                {
                    TopicState? candidate = topics.ValueAt(slot);
                    if (candidate != null && !candidate.Subscribed && (victim == null || candidate.LastUsedMs < victim.LastUsedMs))
                    {
                        victim = candidate;
                    }
                }

                node.Counters.TopicEvictions++;
                if (victim == null)
                {
                    return null;
                }

                topics.Remove(victim.Topic);
                if (lastTopic == victim)
                {
                    lastTopic = null;
                }
            }

            state = new TopicState(topic) { LastUsedMs = node.Now, Subscribed = subscriptions.Contains(topic) };
            topics.Set(topic, state);
            return state;
        }
    }
}

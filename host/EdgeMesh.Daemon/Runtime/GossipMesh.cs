using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EdgeMesh.Gossip;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// The real mesh protocol behind the daemon's seam: a <see cref="GossipNode"/> (HyParView, SWIM,
    /// PlumTree; docs/gossip.md). The daemon signs each Publish frame before <see cref="Publish"/> and
    /// re-seals every outgoing Membership frame, so the node's frame budget keeps room for the trailer
    /// of the outer frame (<see cref="GossipOptions.LinkTrailerLength"/>) as well as the inner one.
    /// Not thread-safe: the daemon calls it under its lock.
    /// </summary>
    internal sealed class GossipMesh : IMeshProtocol
    {
        /// <summary>Frame budget when the configured payloads fit in it (UDP-safe).</summary>
        internal const int DefaultFrameLength = 1_400;

        /// <summary>Largest UDP datagram payload: a GOSSIP frame travels in one datagram.</summary>
        internal const int MaxFrameLength = 65_507;

        private const int PoolCapacity = 256;

        private readonly GossipNode _node;
        private readonly FrameBufferPool _pool;

        internal GossipMesh(NodeId self, GossipOptions options, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(options);
            _pool = new FrameBufferPool(options.MaxFrameLength, PoolCapacity);
            // Incarnations must grow across restarts: the start time in seconds does.
            uint incarnation = (uint)Math.Max(1, nowMs / 1000);
            var random = new SeededRandom(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))));
            _node = new GossipNode(self, options, random, _pool, incarnation, nowMs);
        }

        public long NextDeadlineMs => _node.NextDeadlineMs;

        /// <summary>
        /// Options for a daemon whose frames carry trailers of <paramref name="trailerLength"/> bytes and
        /// whose API accepts payloads of up to <paramref name="maxPayloadBytes"/>: the frame budget is
        /// 1,400 bytes, or larger (up to one UDP datagram) when such a payload needs it.
        /// </summary>
        internal static GossipOptions OptionsFor(int maxPayloadBytes, int trailerLength)
        {
            int inner = WireFormat.HeaderLength + maxPayloadBytes + trailerLength;
            int outer = WireFormat.HeaderLength + EdgeMesh.Gossip.Messages.GossipWire.CommonLength + 2 + inner + trailerLength;
            return new GossipOptions
            {
                MaxFrameLength = Math.Clamp(outer, DefaultFrameLength, MaxFrameLength),
                LinkTrailerLength = trailerLength,
            };
        }

        /// <summary>
        /// Largest PublishBatch payload for a node whose datagrams hold <paramref name="maxDatagramBytes"/>:
        /// the batch frame, wrapped in a gossip frame, fills one datagram (both frames with trailers of
        /// <paramref name="trailerLength"/> bytes); never less than <paramref name="maxPayloadBytes"/>.
        /// </summary>
        internal static int BatchPayloadLimit(int maxPayloadBytes, int maxDatagramBytes, int trailerLength)
        {
            int overhead = (2 * WireFormat.HeaderLength) + EdgeMesh.Gossip.Messages.GossipWire.CommonLength + 2 + (2 * trailerLength);
            return Math.Clamp(maxDatagramBytes - overhead, maxPayloadBytes, WireFormat.MaxPayloadLength);
        }

        /// <summary>A factory for <see cref="MeshNode"/>: one gossip node with <paramref name="options"/>.</summary>
        internal static Func<NodeId, long, IMeshProtocol> Factory(GossipOptions options)
        {
            return (id, nowMs) => new GossipMesh(id, options, nowMs);
        }

        public void Join(NodeId contact, long nowMs) => _node.Join(contact, nowMs);

        public void Receive(byte[] buffer, int offset, int count, long nowMs) => _node.Receive(buffer, offset, count, nowMs);

        public void Tick(long nowMs) => _node.Tick(nowMs);

        public bool Subscribe(ulong topic) => _node.Subscribe(topic);

        public void Unsubscribe(ulong topic) => _node.Unsubscribe(topic);

        public FrameError Publish(byte[] frame, int offset, int count, long nowMs) => _node.PublishFrame(frame, offset, count, nowMs, out _);

        public bool TryDequeue(out OutboundFrame frame) => _node.TryDequeue(out frame);

        public void Release(OutboundFrame frame) => _pool.Return(frame.Buffer);

        public bool TryTakeDelivery(out MeshDelivery delivery)
        {
            if (!_node.TryTakeDelivery(out Delivery taken))
            {
                delivery = default;
                return false;
            }

            delivery = new MeshDelivery(taken.Topic, taken.Frame, taken.FrameLength);
            return true;
        }

        public MeshPeerState StateOf(NodeId peer)
        {
            if (_node.ActiveView.Contains(peer))
            {
                return MeshPeerState.Active;
            }

            if (_node.IsKnownDead(peer))
            {
                return MeshPeerState.Suspect;
            }

            return _node.PassiveView.Contains(peer) ? MeshPeerState.Passive : MeshPeerState.Known;
        }

        public void CopyCounters(List<KeyValuePair<string, long>> destination)
        {
            ArgumentNullException.ThrowIfNull(destination);
            GossipCounters c = _node.Counters;
            Add(destination, "activeView", _node.ActiveView.Count);
            Add(destination, "passiveView", _node.PassiveView.Count);
            Add(destination, "suspects", _node.SuspectCount);
            Add(destination, "framesReceived", c.FramesReceived);
            Add(destination, "framesQueued", c.FramesQueued);
            Add(destination, "framesRejected", c.FramesRejected);
            Add(destination, "framesMisaddressed", c.FramesMisaddressed);
            Add(destination, "published", c.Published);
            Add(destination, "delivered", c.Delivered);
            Add(destination, "payloadsSent", c.PayloadsSent);
            Add(destination, "duplicatePayloads", c.DuplicatePayloads);
            Add(destination, "ihavesSent", c.IHavesSent);
            Add(destination, "graftsSent", c.GraftsSent);
            Add(destination, "prunesSent", c.PrunesSent);
            Add(destination, "missingGivenUp", c.MissingGivenUp);
            Add(destination, "neighborsUp", c.NeighborsUp);
            Add(destination, "neighborsDown", c.NeighborsDown);
            Add(destination, "suspicions", c.Suspicions);
            Add(destination, "deathsDeclared", c.DeathsDeclared);
            Add(destination, "refutations", c.Refutations);
            Add(destination, "encodeFailures", c.EncodeFailures);
            Add(destination, "deliveryQueueDrops", c.DeliveryQueueDrops);
            Add(destination, "queuedPeerLimitDrops", c.QueuedPeerLimitDrops);
            for (int p = 0; p < 4; p++)
            {
                Add(destination, "sendQueueDrops." + ((Priority)p).ToString().ToLowerInvariant(), c.SendQueueDrops((Priority)p));
            }

            for (int e = 1; e < WireFormat.FrameErrorCount; e++)
            {
                long n = c.DecodeErrors((FrameError)e);
                if (n != 0)
                {
                    Add(destination, "decodeErrors." + ((FrameError)e).ToString(), n);
                }
            }
        }

        private static void Add(List<KeyValuePair<string, long>> destination, string name, long value)
        {
            destination.Add(new KeyValuePair<string, long>(name, value));
        }
    }
}

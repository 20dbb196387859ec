using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Routing
{
    /// <summary>Where one transmission goes: loopback, a next hop, or an inbox topic.</summary>
    public readonly struct DmPath
    {
        private DmPath(DmPathKind kind, NodeId nextHop, ulong topic)
        {
            Kind = kind;
            NextHop = nextHop;
            Topic = topic;
        }

        /// <summary>The kind of path.</summary>
        public DmPathKind Kind { get; }

        /// <summary>The neighbour to hand the frame to (<see cref="DmPathKind.Direct"/> only).</summary>
        public NodeId NextHop { get; }

        /// <summary>The inbox topic id to publish on (<see cref="DmPathKind.GossipInbox"/> only).</summary>
        public ulong Topic { get; }

        /// <summary>To this node itself.</summary>
        public static DmPath Loopback => new DmPath(DmPathKind.Loopback, default, 0);

        /// <summary>Through the neighbour <paramref name="nextHop"/>.</summary>
        public static DmPath Direct(NodeId nextHop)
        {
            return new DmPath(DmPathKind.Direct, nextHop, 0);
        }

        /// <summary>On the inbox topic of <paramref name="destination"/>.</summary>
        public static DmPath Gossip(NodeId destination)
        {
            return new DmPath(DmPathKind.GossipInbox, default, DmInboxTopic.IdFor(destination));
        }

        /// <summary>"loopback", "direct via ID" or "gossip inbox".</summary>
        public override string ToString()
        {
            switch (Kind)
            {
                case DmPathKind.Loopback: return "loopback";
                case DmPathKind.Direct: return "direct via " + NextHop.ToString();
                case DmPathKind.GossipInbox: return "gossip inbox";
                default: return "none";
            }
        }
    }
}

namespace EdgeMesh.Messaging.Routing
{
    /// <summary>How a direct-message packet travels (docs/direct-messages.md §6).</summary>
    public enum DmPathKind : byte
    {
        /// <summary>No path yet (a message not attempted).</summary>
        None = 0,

        /// <summary>To this node itself: handled inside the messenger, never transmitted.</summary>
        Loopback = 1,

        /// <summary>A <c>Direct</c> (or <c>Ack</c>) frame to a known next hop, which relays it toward the destination.</summary>
        Direct = 2,

        /// <summary>Published on the destination's inbox topic through the gossip layer, when no route is known.</summary>
        GossipInbox = 3,
    }
}

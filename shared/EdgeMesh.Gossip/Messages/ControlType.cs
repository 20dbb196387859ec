namespace EdgeMesh.Gossip.Messages
{
    /// <summary>Gossip control message types (byte 1 of a gossip control payload, docs/gossip.md §5).</summary>
    public enum ControlType : byte
    {
        /// <summary>Not a valid type; never on the wire.</summary>
        None = 0,

        /// <summary>HyParView: a new node asks its contact to let it in.</summary>
        Join = 1,

        /// <summary>HyParView: a random walk announcing a joining node.</summary>
        ForwardJoin = 2,

        /// <summary>HyParView: "I added you to my active view" (what a TCP connect says in the paper).</summary>
        JoinAccept = 3,

        /// <summary>HyParView: asks a passive member to become an active neighbour (high or low priority).</summary>
        Neighbor = 4,

        /// <summary>HyParView: answer to <see cref="Neighbor"/>.</summary>
        NeighborReply = 5,

        /// <summary>HyParView: the sender dropped the receiver from its active view.</summary>
        Disconnect = 6,

        /// <summary>HyParView: passive-view exchange travelling a random walk.</summary>
        Shuffle = 7,

        /// <summary>HyParView: answer to <see cref="Shuffle"/>, sent straight to its origin.</summary>
        ShuffleReply = 8,

        /// <summary>SWIM: liveness probe.</summary>
        Ping = 9,

        /// <summary>SWIM: answer to <see cref="Ping"/>, also relayed for indirect probes.</summary>
        Ack = 10,

        /// <summary>SWIM: asks the receiver to probe a target on the sender's behalf.</summary>
        PingReq = 11,

        /// <summary>SWIM: tells a node it is suspected, so that it can refute.</summary>
        Suspect = 12,

        /// <summary>SWIM: a node is alive at an incarnation (refutation).</summary>
        Alive = 13,

        /// <summary>SWIM: a node is dead at an incarnation.</summary>
        Dead = 14,

        /// <summary>PlumTree: a broadcast payload (the originator's Publish frame) with its round.</summary>
        Gossip = 15,

        /// <summary>PlumTree: lazy announcements of received message ids.</summary>
        IHave = 16,

        /// <summary>PlumTree: makes the link eager again and asks for a missing message.</summary>
        Graft = 17,

        /// <summary>PlumTree: makes the link lazy for one topic and root.</summary>
        Prune = 18,

        /// <summary>Overlay tree: the sender's tree root, distance to it and parent (also carried by PING and ACK).</summary>
        TreeAdvert = 19,
    }
}

namespace EdgeMesh.Gossip.Messages
{
    /// <summary>Flag bits of the one-byte flags field (docs/gossip.md §5). Undefined bits must be zero.</summary>
    public static class ControlFlags
    {
        /// <summary>NEIGHBOR: high priority (the sender has no active neighbour left, or is reconnecting): must be accepted.</summary>
        public const byte HighPriority = 0x01;

        /// <summary>NEIGHBORREPLY: the request was accepted.</summary>
        public const byte Accepted = 0x01;

        /// <summary>PING: the sender holds the receiver in its active view. ACK: the sender holds the pinger in its active view.</summary>
        public const byte ActiveLink = 0x01;

        /// <summary>ALIVE, DEAD: the update is being flooded over the active views (relay it).</summary>
        public const byte Flood = 0x01;

        /// <summary>GRAFT: send the message if it is still cached.</summary>
        public const byte WantMessage = 0x01;

        /// <summary>Bits defined for any type; decoders reject others.</summary>
        public const byte DefinedMask = 0x01;
    }
}

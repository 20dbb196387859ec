namespace EdgeMesh.Gossip.Messages
{
    /// <summary>Constants of the gossip control payload (docs/gossip.md §5).</summary>
    public static class GossipWire
    {
        /// <summary>Payload type (header bytes 34–35) of Membership frames carrying gossip control messages.</summary>
        public const ushort ControlPayloadType = EdgeMesh.Protocol.Payloads.PayloadType.GossipControl;

        /// <summary>Layout version, byte 0 of every gossip control payload.</summary>
        public const byte PayloadVersion = 1;

        /// <summary>Bytes before the type-specific body: version, type, sender incarnation.</summary>
        public const int CommonLength = 6;

        /// <summary>Bytes per SHUFFLE node: a node id.</summary>
        public const int NodeEntryLength = 8;

        /// <summary>Bytes per IHAVE entry: topic, origin, sequence, round.</summary>
        public const int IHaveEntryLength = 26;

        /// <summary>Bytes per piggybacked update: state, subject, incarnation.</summary>
        public const int UpdateEntryLength = 13;
    }
}

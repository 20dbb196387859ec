namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Registered payload types (header bytes 34-35, docs/wire-format.md §4); their layouts are in
    /// docs/payloads.md §2. Values from <see cref="FirstApplicationDefined"/> up are free for
    /// applications; 7..0x7FFF are reserved for the core.
    /// </summary>
    public static class PayloadType
    {
        /// <summary>Opaque bytes.</summary>
        public const ushort Raw = 0;

        /// <summary>Node status, battery and pose.</summary>
        public const ushort Heartbeat = 1;

        /// <summary>Velocity command.</summary>
        public const ushort MotionCommand = 2;

        /// <summary>Sensor id/value readings.</summary>
        public const ushort Telemetry = 3;

        /// <summary>UTF-8 text.</summary>
        public const ushort Text = 4;

        /// <summary>A chunk of a request to a language model.</summary>
        public const ushort LlmRequest = 5;

        /// <summary>A chunk of a language model's answer.</summary>
        public const ushort LlmResponse = 6;

        /// <summary>
        /// Gossip control messages in Membership frames. The layout belongs to the gossip layer
        /// (docs/gossip.md §5); the core treats it as opaque.
        /// </summary>
        public const ushort GossipControl = 0x0300;

        /// <summary>
        /// Several messages of one topic in one Publish frame, so one signature covers them all
        /// (<see cref="PublishBatchCodec"/>, docs/payloads.md §9).
        /// </summary>
        public const ushort PublishBatch = 0x0301;

        /// <summary>
        /// The host daemon's address book exchange in Membership frames (a node's address and
        /// certificate for its id); layout in docs/gossip.md, owned by the daemon.
        /// </summary>
        public const ushort PeerDirectory = 0x0302;

        /// <summary>
        /// The host daemon's revocation-list exchange in Membership frames: a neighbour offers the
        /// version it holds and one that is behind asks for the list; layout in docs/deploy.md,
        /// owned by the daemon.
        /// </summary>
        public const ushort RevocationOffer = 0x0303;

        /// <summary>First value applications may use for their own types.</summary>
        public const ushort FirstApplicationDefined = 0x8000;
    }
}

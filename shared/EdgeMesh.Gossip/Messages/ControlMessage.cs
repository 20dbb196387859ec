using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Messages
{
    /// <summary>
    /// A decoded (or to-be-encoded) gossip control message. One reusable instance per direction:
    /// the decoder overwrites it, so nothing is allocated per message. Which fields matter depends
    /// on <see cref="Type"/> (docs/gossip.md §5 lists the layout of each type).
    /// </summary>
    public sealed class ControlMessage
    {
        /// <summary>Largest node list in SHUFFLE / SHUFFLEREPLY.</summary>
        public const int MaxNodes = 32;

        /// <summary>Largest IHAVE entry list.</summary>
        public const int MaxEntries = 32;

        /// <summary>Largest piggybacked update list in PING / ACK.</summary>
        public const int MaxUpdates = 8;

        /// <summary>Message type.</summary>
        public ControlType Type;

        /// <summary>The sender's own incarnation (every message carries it: free liveness evidence).</summary>
        public uint Incarnation;

        /// <summary>FORWARDJOIN: joining node; SHUFFLE: origin; PINGREQ: target; SUSPECT/ALIVE/DEAD: subject; PRUNE: tree root.</summary>
        public NodeId Subject;

        /// <summary>FORWARDJOIN, SUSPECT, ALIVE, DEAD: the subject's incarnation.</summary>
        public uint SubjectIncarnation;

        /// <summary>FORWARDJOIN, SHUFFLE: remaining random-walk hops.</summary>
        public byte Ttl;

        /// <summary>Type-specific flag bits (see <see cref="ControlFlags"/>).</summary>
        public byte Flags;

        /// <summary>PING, ACK, PINGREQ: the probe sequence.</summary>
        public uint ProbeSequence;

        /// <summary>GRAFT, PRUNE: topic id.</summary>
        public ulong Topic;

        /// <summary>GRAFT: the wanted message.</summary>
        public MessageId Message;

        /// <summary>GOSSIP: overlay hops the copy has taken when it arrives (1 at the originator's neighbours).</summary>
        public int Round;

        /// <summary>PING, ACK, TREEADVERT: the sender's overlay-tree root.</summary>
        public NodeId TreeRoot;

        /// <summary>PING, ACK, TREEADVERT: the sender's distance (hops) to <see cref="TreeRoot"/>.</summary>
        public byte TreeDistance;

        /// <summary>PING, ACK, TREEADVERT: the sender's parent towards <see cref="TreeRoot"/> (empty at the root).</summary>
        public NodeId TreeParent;

        /// <summary>SHUFFLE, SHUFFLEREPLY: node list (first <see cref="NodeCount"/> used).</summary>
        public readonly NodeId[] Nodes = new NodeId[MaxNodes];

        /// <summary>Used length of <see cref="Nodes"/>.</summary>
        public int NodeCount;

        /// <summary>IHAVE: entries (first <see cref="EntryCount"/> used).</summary>
        public readonly IHaveEntry[] Entries = new IHaveEntry[MaxEntries];

        /// <summary>Used length of <see cref="Entries"/>.</summary>
        public int EntryCount;

        /// <summary>PING, ACK: piggybacked membership updates (first <see cref="UpdateCount"/> used).</summary>
        public readonly MemberUpdate[] Updates = new MemberUpdate[MaxUpdates];

        /// <summary>Used length of <see cref="Updates"/>.</summary>
        public int UpdateCount;

        /// <summary>GOSSIP: buffer holding the originator's Publish frame (decoding: the received buffer).</summary>
        public byte[]? Inner;

        /// <summary>GOSSIP: offset of the Publish frame in <see cref="Inner"/>.</summary>
        public int InnerOffset;

        /// <summary>GOSSIP: length of the Publish frame.</summary>
        public int InnerLength;

        /// <summary>GOSSIP: the decoded header of the Publish frame (filled by the decoder).</summary>
        public FrameHeader InnerHeader;

        /// <summary>Clears every field and sets the type, ready to be filled for encoding.</summary>
        public void Reset(ControlType type)
        {
            Type = type;
            Incarnation = 0;
            Subject = default(NodeId);
            SubjectIncarnation = 0;
            Ttl = 0;
            Flags = 0;
            ProbeSequence = 0;
            Topic = 0;
            Message = default(MessageId);
            Round = 0;
            TreeRoot = default(NodeId);
            TreeDistance = 0;
            TreeParent = default(NodeId);
            NodeCount = 0;
            EntryCount = 0;
            UpdateCount = 0;
            Inner = null;
            InnerOffset = 0;
            InnerLength = 0;
            InnerHeader = default(FrameHeader);
        }
    }
}

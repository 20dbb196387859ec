namespace EdgeMesh.Protocol.Wire
{
    /// <summary>What a frame is for; 4 bits on the wire (docs/wire-format.md §2.3).</summary>
    public enum FrameKind : byte
    {
        /// <summary>A message published on a topic; the destination field holds the topic id.</summary>
        Publish = 0,

        /// <summary>A message to one node; the destination field holds its node id.</summary>
        Direct = 1,

        /// <summary>An end-to-end acknowledgement of a direct message; destination is the original sender.</summary>
        Ack = 2,

        /// <summary>Membership and gossip control (join, shuffle, probe, graft, prune, ...).</summary>
        Membership = 3,

        /// <summary>A discovery beacon announcing a node on a link.</summary>
        Beacon = 4,

        /// <summary>Fleet admission documents: certificates and revocation lists.</summary>
        Admission = 5,
    }
}

namespace EdgeMesh.Protocol.Link
{
    /// <summary>What <see cref="Reassembler.Push"/> did with a packet.</summary>
    public enum ReassemblyResult : byte
    {
        /// <summary>A fragment was stored; its frame still lacks fragments.</summary>
        Incomplete = 0,

        /// <summary>A frame is ready: a whole-frame packet, or the last missing fragment arrived.</summary>
        Complete = 1,

        /// <summary>The packet was dropped; <see cref="Reassembler.LastRejection"/> says why.</summary>
        Rejected = 2,
    }
}

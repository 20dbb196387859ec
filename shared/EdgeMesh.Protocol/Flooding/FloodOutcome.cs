namespace EdgeMesh.Protocol.Flooding
{
    /// <summary>What <see cref="ManagedFlooder.OnReceive"/> made of a received frame.</summary>
    public enum FloodOutcome : byte
    {
        /// <summary>A new frame: hand it up (and it was scheduled for rebroadcast if allowed).</summary>
        Deliver = 0,

        /// <summary>Seen before; a pending rebroadcast of it may have been suppressed.</summary>
        Duplicate = 1,

        /// <summary>This node's own frame, relayed back by a neighbour.</summary>
        Own = 2,

        /// <summary>Not a valid frame (the error is counted by <see cref="ManagedFlooder.DecodeErrors"/>).</summary>
        Rejected = 3,
    }
}

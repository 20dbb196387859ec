namespace EdgeMesh.Protocol.Dedup
{
    /// <summary>What a <see cref="SequenceWindow"/> says about a (sender, sequence) pair.</summary>
    public enum SequenceVerdict : byte
    {
        /// <summary>Not seen before and inside or ahead of the window.</summary>
        New = 0,

        /// <summary>Already recorded.</summary>
        Duplicate = 1,

        /// <summary>Older than the window reaches: cannot tell, so refused (replay protection).</summary>
        TooOld = 2,
    }
}

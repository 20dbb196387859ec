namespace EdgeMesh.Groups.Consensus
{
    /// <summary>
    /// Voting parameters for membership proposals. Defaults suit robots: seconds, not minutes.
    /// </summary>
    public sealed class VoteRules
    {
        /// <summary>How long a vote stays open before silence is counted.</summary>
        public long TimeoutMs { get; init; } = 5_000;

        /// <summary>Whether members that stayed silent until the timeout count as yes (de-mls liveness rule).</summary>
        public bool SilenceIsYes { get; init; } = true;
    }
}

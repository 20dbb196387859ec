namespace EdgeMesh.Groups.Consensus
{
    /// <summary>Where a membership proposal's vote stands.</summary>
    public enum VoteOutcome
    {
        Pending,
        Accepted,
        Rejected,
    }
}

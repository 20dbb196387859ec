namespace EdgeMesh.Groups
{
    /// <summary>What an incoming group message turned out to be.</summary>
    public enum MlsIncomingKind
    {
        /// <summary>Application data from a member.</summary>
        Application,
        /// <summary>A proposal, cached until a commit includes it.</summary>
        Proposal,
        /// <summary>A commit; the group moved to the next epoch.</summary>
        Commit,
    }
}

namespace EdgeMesh.Groups.Protocol
{
    /// <summary>Kinds of processed messages.</summary>
    internal enum ReceivedKind
    {
        Application,
        Proposal,
        Commit,
    }
}

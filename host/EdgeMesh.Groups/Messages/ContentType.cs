namespace EdgeMesh.Groups.Messages
{
    /// <summary>What a framed message carries.</summary>
    internal static class ContentType
    {
        public const byte Application = 1;
        public const byte Proposal = 2;
        public const byte Commit = 3;
    }
}

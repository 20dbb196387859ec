namespace EdgeMesh.Groups
{
    /// <summary>A created commit: the message for the group and the Welcome for added members.</summary>
    public sealed class MlsCommitOutput
    {
        internal MlsCommitOutput(byte[] message, byte[]? welcome)
        {
            Message = message;
            Welcome = welcome;
        }

        /// <summary>The MLSMessage to deliver to every current member.</summary>
        public byte[] Message { get; }

        /// <summary>The MLSMessage Welcome for the added members, or null.</summary>
        public byte[]? Welcome { get; }
    }
}

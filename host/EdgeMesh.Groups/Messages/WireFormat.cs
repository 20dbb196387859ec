namespace EdgeMesh.Groups.Messages
{
    /// <summary>MLSMessage wire formats.</summary>
    internal static class WireFormat
    {
        public const ushort PublicMessage = 1;
        public const ushort PrivateMessage = 2;
        public const ushort Welcome = 3;
        public const ushort GroupInfo = 4;
        public const ushort KeyPackage = 5;
    }
}

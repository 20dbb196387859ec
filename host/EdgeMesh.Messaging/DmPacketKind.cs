namespace EdgeMesh.Messaging
{
    /// <summary>What a transmission carries, which decides the frame kind that wraps it.</summary>
    public enum DmPacketKind : byte
    {
        /// <summary>A fragment of a sealed envelope: a <c>Direct</c> frame (or an inbox publish).</summary>
        Fragment = 1,

        /// <summary>A signed acknowledgement or rejection: an <c>Ack</c> frame (or an inbox publish).</summary>
        Ack = 2,
    }
}

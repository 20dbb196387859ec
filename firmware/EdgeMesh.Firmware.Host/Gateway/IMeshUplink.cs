using System;

namespace EdgeMesh.Firmware.Host.Gateway
{
    /// <summary>
    /// Where a gateway hands radio traffic into the signed mesh. The daemon implements it: it signs
    /// with the gateway's identity and marks the message with the originating radio node.
    /// </summary>
    public interface IMeshUplink
    {
        /// <summary>
        /// Publishes <paramref name="payload"/> on <paramref name="topic"/> on behalf of radio node
        /// <paramref name="originNode"/> (its frame sequence <paramref name="originSequence"/>); false
        /// when the mesh side refuses it (queue full, not running).
        /// </summary>
        bool Publish(string topic, ushort payloadType, ReadOnlySpan<byte> payload, ulong originNode, ulong originSequence);
    }
}

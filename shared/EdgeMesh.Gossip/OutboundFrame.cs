using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip
{
    /// <summary>
    /// A frame the node wants sent to one peer. <see cref="Buffer"/> comes from the node's
    /// <see cref="FrameBufferPool"/>; the driver returns it there once the frame is sent or dropped.
    /// </summary>
    public readonly struct OutboundFrame
    {
        /// <summary>Creates a frame description.</summary>
        public OutboundFrame(NodeId to, Priority priority, byte[] buffer, int length)
        {
            To = to;
            Priority = priority;
            Buffer = buffer;
            Length = length;
        }

        /// <summary>The peer to send to.</summary>
        public NodeId To { get; }

        /// <summary>Delivery class, used to order and shed frames.</summary>
        public Priority Priority { get; }

        /// <summary>The encoded frame starts at index 0 of this buffer.</summary>
        public byte[] Buffer { get; }

        /// <summary>Frame length in bytes.</summary>
        public int Length { get; }
    }
}

using System;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging
{
    /// <summary>
    /// One packet for the daemon (or simulator) to send: wrap it as a frame payload addressed to
    /// <see cref="Destination"/> and send it on <see cref="Path"/>. The packet memory stays valid
    /// and unchanged after it is dequeued (retries reuse it, never overwrite it).
    /// </summary>
    public readonly struct DmTransmission
    {
        internal DmTransmission(DmPath path, NodeId destination, DmPacketKind kind, Priority priority, ReadOnlyMemory<byte> packet)
        {
            Path = path;
            Destination = destination;
            Kind = kind;
            Priority = priority;
            Packet = packet;
        }

        /// <summary>Next hop or inbox topic.</summary>
        public DmPath Path { get; }

        /// <summary>The end recipient of the packet (frame destination of a <c>Direct</c>/<c>Ack</c> frame).</summary>
        public NodeId Destination { get; }

        /// <summary>Fragment or acknowledgement.</summary>
        public DmPacketKind Kind { get; }

        /// <summary>Queue class for the frame.</summary>
        public Priority Priority { get; }

        /// <summary>The frame payload.</summary>
        public ReadOnlyMemory<byte> Packet { get; }
    }
}

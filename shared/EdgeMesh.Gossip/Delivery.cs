using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip
{
    /// <summary>
    /// A broadcast message handed to the application, once per message id. <see cref="Frame"/> is the
    /// originator's complete Publish frame as the node caches it: read or copy it before the next
    /// call into the node, which may evict it.
    /// </summary>
    public readonly struct Delivery
    {
        /// <summary>Creates a delivery.</summary>
        public Delivery(ulong topic, MessageId id, int round, Priority priority, ushort payloadType, ulong timestampMs, byte[] frame, int frameLength)
        {
            Topic = topic;
            Id = id;
            Round = round;
            Priority = priority;
            PayloadType = payloadType;
            TimestampMs = timestampMs;
            Frame = frame;
            FrameLength = frameLength;
        }

        /// <summary>Topic id (wire-format §2.8).</summary>
        public ulong Topic { get; }

        /// <summary>Originator and sequence.</summary>
        public MessageId Id { get; }

        /// <summary>Overlay hops the copy that was delivered took (1 for a neighbour of the originator).</summary>
        public int Round { get; }

        /// <summary>The originator's priority class.</summary>
        public Priority Priority { get; }

        /// <summary>Payload type (wire-format §4).</summary>
        public ushort PayloadType { get; }

        /// <summary>The originator's timestamp.</summary>
        public ulong TimestampMs { get; }

        /// <summary>The Publish frame; the payload starts at byte 38 (<see cref="WireFormat.HeaderLength"/>).</summary>
        public byte[] Frame { get; }

        /// <summary>Length of the Publish frame including its trailer.</summary>
        public int FrameLength { get; }

        /// <summary>Payload length (frame length minus header and trailer).</summary>
        public int PayloadLength
        {
            get { return BytesOfPayload(Frame, FrameLength); }
        }

        private static int BytesOfPayload(byte[] frame, int length)
        {
            return length < WireFormat.HeaderLength ? 0 : (frame[36] << 8) | frame[37];
        }
    }
}

using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Pipeline
{
    /// <summary>
    /// The send path of the wire core: stamps a node's frames with its id, the next sequence
    /// number and the time, and writes the header in front of a payload that was encoded in place.
    /// </summary>
    /// <remarks>
    /// Typical use: rent a buffer, encode the payload at <see cref="FrameCodec.PayloadOffset"/>, then
    /// <see cref="Seal"/>. Nothing is copied or allocated. Not thread-safe: one per sending thread.
    /// </remarks>
    public sealed class OutboundFramer
    {
        /// <summary>Creates a framer for <paramref name="self"/> starting at <paramref name="firstSequence"/>.</summary>
        public OutboundFramer(NodeId self, ulong firstSequence)
        {
            if (self.IsEmpty)
            {
                throw new System.ArgumentException("the all-zero node id is reserved", nameof(self));
            }

            Self = self;
            NextSequence = firstSequence;
        }

        /// <summary>The node whose frames this writes.</summary>
        public NodeId Self { get; }

        /// <summary>The sequence number the next sealed frame gets.</summary>
        public ulong NextSequence { get; private set; }

        /// <summary>
        /// Fills in sender, sequence and timestamp, writes the header at <paramref name="offset"/> and
        /// zeroes the trailer. The payload (<paramref name="header"/>.PayloadLength bytes) must already
        /// be at <see cref="FrameCodec.PayloadOffset"/>. The sequence advances only on success.
        /// </summary>
        public FrameError Seal(ref FrameHeader header, byte[] buffer, int offset, int capacity, long nowMs, out int frameLength)
        {
            frameLength = 0;
            if (nowMs < 0)
            {
                return FrameError.FieldOutOfRange;
            }

            header.Sender = Self;
            header.Sequence = NextSequence;
            header.TimestampMs = (ulong)nowMs;
            FrameError error = FrameCodec.EncodeHeader(ref header, buffer, offset, capacity);
            if (error != FrameError.None)
            {
                return error;
            }

            int trailerOffset = FrameCodec.TrailerOffset(ref header, offset);
            int trailerLength = header.TrailerLength;
            for (int i = 0; i < trailerLength; i++)
            {
                buffer[trailerOffset + i] = 0;
            }

            NextSequence++;
            frameLength = header.FrameLength;
            return FrameError.None;
        }
    }
}

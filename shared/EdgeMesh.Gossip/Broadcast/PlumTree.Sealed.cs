using System;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <content>Broadcasts of Publish frames that a security layer sealed before the node carries them.</content>
    internal sealed partial class PlumTree
    {
        /// <summary>
        /// Starts a broadcast of this node's own, already sealed Publish frame. Refused when the frame
        /// is not a well-formed Publish frame of this node, or when the GOSSIP frame carrying it, plus
        /// the link trailer, would exceed <see cref="GossipOptions.MaxFrameLength"/>.
        /// </summary>
        internal FrameError PublishFrame(byte[] frame, int offset, int count, out MessageId id)
        {
            id = default(MessageId);
            if (frame == null || offset < 0 || count < 0 || offset > frame.Length - count)
            {
                return FrameError.InvalidArgument;
            }

            int outer = WireFormat.HeaderLength + GossipWire.CommonLength + 2 + count + options.LinkTrailerLength;
            if (outer > options.MaxFrameLength)
            {
                return FrameError.PayloadTooLarge;
            }

            FrameError error = FrameCodec.DecodeExact(frame, offset, count, WireFormat.MaxPayloadLength, out FrameHeader header);
            if (error != FrameError.None)
            {
                return error;
            }

            if (header.Kind != FrameKind.Publish || header.Sender != node.Self)
            {
                return FrameError.InvalidArgument;
            }

            id = new MessageId(node.Self, header.Sequence);
            TopicState? state = GetTopic(header.Destination, true);
            if (state == null || store.Contains(id))
            {
                return state == null ? FrameError.PoolExhausted : FrameError.InvalidArgument;
            }

            byte[] copy = new byte[count];
            Array.Copy(frame, offset, copy, 0, count);
            Originate(state, id, header.Priority, copy);
            return FrameError.None;
        }
    }
}

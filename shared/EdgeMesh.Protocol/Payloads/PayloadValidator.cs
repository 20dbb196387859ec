using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Checks a received payload against the layout its frame's payload type names, without
    /// keeping the decoded value (docs/payloads.md §2). Lets a receive pipeline count bad payloads
    /// before dispatching by type. Never throws and never allocates.
    /// </summary>
    public static class PayloadValidator
    {
        /// <summary>
        /// Decodes the range with the codec of <paramref name="payloadType"/> and returns its error.
        /// Application-defined types (<see cref="PayloadType.FirstApplicationDefined"/> and up) are
        /// and gossip control payloads are opaque to the core and pass; other unregistered types are
        /// <see cref="FrameError.WrongPayloadType"/>.
        /// </summary>
        public static FrameError Validate(ushort payloadType, byte[] source, int offset, int count)
        {
            switch (payloadType)
            {
                case PayloadType.Raw:
                    return RawCodec.Decode(source, offset, count, out RawView _);
                case PayloadType.Heartbeat:
                    return HeartbeatCodec.Decode(source, offset, count, out Heartbeat _);
                case PayloadType.MotionCommand:
                    return MotionCommandCodec.Decode(source, offset, count, out MotionCommand _);
                case PayloadType.Telemetry:
                    return TelemetryCodec.Decode(source, offset, count, out TelemetryView _);
                case PayloadType.Text:
                    return TextCodec.Decode(source, offset, count, out TextView _);
                case PayloadType.LlmRequest:
                case PayloadType.LlmResponse:
                    return LlmChunkCodec.Decode(source, offset, count, out LlmChunk _);
                case PayloadType.PublishBatch:
                    return PublishBatchCodec.Validate(source, offset, count, out int _);
                default:
                    if (payloadType >= PayloadType.FirstApplicationDefined || payloadType == PayloadType.GossipControl)
                    {
                        return ByteRange.IsValid(source, offset, count) ? FrameError.None : FrameError.InvalidArgument;
                    }

                    return FrameError.WrongPayloadType;
            }
        }
    }
}

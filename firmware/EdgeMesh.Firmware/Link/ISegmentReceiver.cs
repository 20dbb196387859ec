using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Link
{
    /// <summary>
    /// Receives the frames the radio link accepted: MAC valid, not a replay, first copy, addressed to
    /// this node, to every node, or (Publish) to any topic. The frame bytes are valid only during the
    /// call. An interface rather than a delegate: no closure, the same code on the device.
    /// </summary>
    public interface ISegmentReceiver
    {
        /// <summary>One accepted frame, decoded in place: payload at <c>frameOffset + 38</c>.</summary>
        void OnFrame(ref FrameHeader header, byte[] frame, int frameOffset, long nowMs);
    }
}

using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Pipeline
{
    /// <summary>Receives frames that passed every check of an <see cref="InboundPipeline"/>.</summary>
    public interface IFrameSink
    {
        /// <summary>
        /// Called once per accepted message. The frame lies in <paramref name="buffer"/> from
        /// <paramref name="frameOffset"/> for <see cref="FrameHeader.FrameLength"/> bytes; the buffer
        /// belongs to the caller and is reused after this call returns, so copy what must outlive it.
        /// </summary>
        void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset);
    }
}

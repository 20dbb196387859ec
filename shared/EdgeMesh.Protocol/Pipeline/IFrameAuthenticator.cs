using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Pipeline
{
    /// <summary>
    /// Checks a frame's trailer (MAC or signature) and the sender's admission. Implementations keep
    /// their own per-reason counters; the pipeline counts only that authentication failed.
    /// </summary>
    public interface IFrameAuthenticator
    {
        /// <summary>True when the frame may be delivered.</summary>
        bool Authenticate(ref FrameHeader header, byte[] buffer, int frameOffset);
    }
}

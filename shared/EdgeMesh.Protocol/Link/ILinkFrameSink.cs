namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Receives the frames a link deframer recovers. The bytes belong to the deframer and are valid
    /// only during the call: copy them (or decode them in place) before returning.
    /// </summary>
    public interface ILinkFrameSink
    {
        /// <summary>One complete frame whose link checksum matched.</summary>
        void OnFrame(byte[] buffer, int offset, int count);
    }
}

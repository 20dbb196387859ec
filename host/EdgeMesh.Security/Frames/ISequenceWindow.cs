using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Frames
{
    /// <summary>
    /// The per-sender replay window plugged into <see cref="FrameVerifier"/> (for example an adapter
    /// over EdgeMesh.Protocol.Dedup.SequenceWindow). It is consulted only after a frame has been
    /// authenticated, so forged frames can never advance it.
    /// </summary>
    public interface ISequenceWindow
    {
        /// <summary>
        /// Records (<paramref name="sender"/>, <paramref name="sequence"/>) and returns true when it is
        /// new; false when it was seen before or is older than the window (a replay).
        /// </summary>
        bool TryAccept(NodeId sender, ulong sequence);
    }
}

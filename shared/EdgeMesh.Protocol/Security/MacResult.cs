namespace EdgeMesh.Protocol.Security
{
    /// <summary>Outcome of sealing or checking a MAC trailer (<see cref="FrameMac"/>).</summary>
    public enum MacResult : byte
    {
        /// <summary>The trailer was written, or it matched.</summary>
        Ok = 0,

        /// <summary>The frame header did not decode; the <c>FrameError</c> out value says why.</summary>
        Malformed = 1,

        /// <summary>The range is shorter than header, payload and trailer (for instance a cut trailer).</summary>
        Truncated = 2,

        /// <summary>The frame's security mode is not <c>SecurityMode.Mac</c>.</summary>
        NotMacFrame = 3,

        /// <summary>The trailer does not match: wrong segment key or modified bytes.</summary>
        BadMac = 4,
    }
}

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Facts shared by every typed payload layout (docs/payloads.md §1). Byte 0 of every typed
    /// payload except <see cref="PayloadType.Raw"/> is the layout version, so a layout can change
    /// later without a new payload type; a receiver rejects versions it does not know with
    /// <see cref="Wire.FrameError.UnsupportedPayloadVersion"/> before reading further.
    /// </summary>
    public static class PayloadLayout
    {
        /// <summary>The layout version this build writes and the only one it reads (§1.1).</summary>
        public const byte Version = 1;

        /// <summary>Offset of the layout version byte in every versioned payload (§1.1).</summary>
        public const int VersionOffset = 0;
    }
}

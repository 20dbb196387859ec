namespace EdgeMesh.Protocol.Wire
{
    /// <summary>Frame flag bits (byte 1). Bits not defined here are reserved and must be zero.</summary>
    public static class FrameFlags
    {
        /// <summary>The sender asks for an end-to-end acknowledgement.</summary>
        public const byte AckRequested = 0x01;

        /// <summary>The payload is end-to-end encrypted for the destination.</summary>
        public const byte PayloadEncrypted = 0x02;

        /// <summary>Link-local: receivers must not relay the frame.</summary>
        public const byte NoRelay = 0x04;

        /// <summary>All bits that version 1 defines; any other set bit is rejected.</summary>
        public const byte DefinedMask = AckRequested | PayloadEncrypted | NoRelay;
    }
}

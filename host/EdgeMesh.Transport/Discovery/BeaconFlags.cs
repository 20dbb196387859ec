namespace EdgeMesh.Transport.Discovery
{
    /// <summary>Flag bits of a beacon payload (byte 1).</summary>
    public static class BeaconFlags
    {
        /// <summary>The sender asks the receiver to answer with its own credentials and beacon (first contact, bootstrap).</summary>
        public const byte ReplyRequested = 0x01;

        /// <summary>Bits this version defines; a beacon with another bit set is refused.</summary>
        public const byte DefinedMask = ReplyRequested;
    }
}

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Flag bits of an LLM chunk (byte 13, docs/payloads.md §7.2). Bits not defined here are
    /// reserved: decoders reject them with <see cref="Wire.FrameError.ReservedFlags"/>.
    /// </summary>
    public static class LlmChunkFlags
    {
        /// <summary>No flag set.</summary>
        public const byte None = 0x00;

        /// <summary>
        /// The last chunk of the message: nothing follows it for this correlation id. Allowed only
        /// when the chunk index is chunk count - 1.
        /// </summary>
        public const byte Final = 0x01;

        /// <summary>The text reports a failure instead of a prompt or model output; set on every chunk of the message.</summary>
        public const byte Error = 0x02;

        /// <summary>All bits layout version 1 defines.</summary>
        public const byte DefinedMask = Final | Error;
    }
}

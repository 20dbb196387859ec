namespace EdgeMesh.Protocol.Wire
{
    /// <summary>
    /// Outcome of a wire operation. Decoders never throw on bad input: they return one of these,
    /// and pipelines count them by value.
    /// </summary>
    public enum FrameError : byte
    {
        /// <summary>Success.</summary>
        None = 0,

        /// <summary>Fewer bytes than the header or the declared lengths require.</summary>
        Truncated = 1,

        /// <summary>The version byte is not one this build understands.</summary>
        UnsupportedVersion = 2,

        /// <summary>A reserved flag bit is set.</summary>
        ReservedFlags = 3,

        /// <summary>The frame kind is not defined.</summary>
        UnknownKind = 4,

        /// <summary>The security mode is not defined.</summary>
        UnknownSecurityMode = 5,

        /// <summary>The hop count is greater than the hop limit.</summary>
        HopCountExceedsLimit = 6,

        /// <summary>The payload is longer than the configured maximum.</summary>
        PayloadTooLarge = 7,

        /// <summary>Bytes remain after the frame where exactly one frame was expected.</summary>
        LengthMismatch = 8,

        /// <summary>The destination buffer is too small for the encoded output.</summary>
        BufferTooSmall = 9,

        /// <summary>A field value does not fit its wire representation.</summary>
        FieldOutOfRange = 10,

        /// <summary>A payload's inner layout is inconsistent (bad count, bad inner length).</summary>
        MalformedPayload = 11,

        /// <summary>The payload layout version is not one this build understands.</summary>
        UnsupportedPayloadVersion = 12,

        /// <summary>The payload type does not match the codec used to read it.</summary>
        WrongPayloadType = 13,

        /// <summary>A link-layer checksum did not match.</summary>
        BadChecksum = 14,

        /// <summary>A link-layer encoding (COBS, fragment header) is invalid.</summary>
        BadLinkEncoding = 15,

        /// <summary>The message was already seen (duplicate suppression).</summary>
        Duplicate = 16,

        /// <summary>The sequence number is older than the per-sender window.</summary>
        TooOld = 17,

        /// <summary>No buffer was free in the pool.</summary>
        PoolExhausted = 18,

        /// <summary>An argument from the local caller (not the network) is invalid.</summary>
        InvalidArgument = 19,
    }
}

namespace EdgeMesh.State.Codec
{
    /// <summary>Why an encoded CRDT, sync message or store record was refused (docs/fleet-state.md §3). Decoders never throw.</summary>
    public enum StateError : byte
    {
        /// <summary>Decoded.</summary>
        None = 0,

        /// <summary>The input ended inside a field.</summary>
        Truncated = 1,

        /// <summary>A format version this build does not know.</summary>
        UnsupportedVersion = 2,

        /// <summary>An unknown type or message kind byte.</summary>
        UnknownKind = 3,

        /// <summary>A count, length or number above its documented limit (<see cref="StateLimits"/>).</summary>
        LimitExceeded = 4,

        /// <summary>A second encoding of a value: a non-minimal varint, unsorted or repeated keys, a non-zero reserved bit.</summary>
        NotCanonical = 5,

        /// <summary>A field with an impossible value (an empty node id, a zero dot counter, invalid UTF-8).</summary>
        Malformed = 6,

        /// <summary>Bytes left over after a complete value.</summary>
        TrailingBytes = 7,
    }
}

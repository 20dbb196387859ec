namespace EdgeMesh.State.Codec
{
    /// <summary>
    /// Bounds every decoder enforces before it allocates (docs/fleet-state.md §3): a length or count
    /// field from the network is checked against these and against the bytes that remain, so an
    /// attacker's number never sizes an allocation.
    /// </summary>
    public static class StateLimits
    {
        /// <summary>Longest key or set element, UTF-8 bytes.</summary>
        public const int MaxKeyBytes = 256;

        /// <summary>Longest register or map value, bytes.</summary>
        public const int MaxValueBytes = 4096;

        /// <summary>Most entries in one encoded collection (map entries, set dots, counter slots, context nodes).</summary>
        public const int MaxEntries = 1 << 16;

        /// <summary>Most bytes of one encoded state or message.</summary>
        public const int MaxEncodedBytes = 16 << 20;

        /// <summary>Deepest nesting of maps of CRDTs.</summary>
        public const int MaxDepth = 4;
    }
}

namespace EdgeMesh.Messaging
{
    /// <summary>Protocol limits of direct messages (docs/direct-messages.md §2); options cannot exceed them.</summary>
    public static class DmLimits
    {
        /// <summary>Largest payload a direct message carries: 48 KiB.</summary>
        public const int MaxPayloadBytes = 48 * 1024;

        /// <summary>Longest lifetime (expiry minus creation) an envelope may declare: 600 s.</summary>
        public const long MaxLifetimeMs = 600_000;

        /// <summary>Smallest fragment chunk; smaller links fragment frames again at the link layer.</summary>
        public const int MinFragmentChunk = 64;

        /// <summary>Largest fragment chunk, so a fragment packet always fits a frame payload.</summary>
        public const int MaxFragmentChunk = 60_000;

        /// <summary>Longest reason text in a rejection, in UTF-8 bytes.</summary>
        public const int MaxReasonTextBytes = 120;
    }
}

namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>Authentication limits (the <c>security</c> object; docs/configuration.md).</summary>
    public sealed class SecurityConfig
    {
        /// <summary>Frames whose timestamp is further than this from the local clock are refused (default 30000 ms).</summary>
        public int MaxClockSkewMs { get; set; } = 30_000;

        /// <summary>Admitted peers remembered (default 1024); the least recently used is evicted and must present its certificate again.</summary>
        public int AdmittedPeers { get; set; } = 1024;

        /// <summary>Verified messages remembered so gossip duplicates skip signature checks (default 4096).</summary>
        public int VerifiedCache { get; set; } = 4096;

        /// <summary>Senders tracked by the replay window (default 1024).</summary>
        public int ReplaySenders { get; set; } = 1024;

        /// <summary>Sequences remembered per sender, in units of 64 (default 4: 256 sequences).</summary>
        public int ReplayWindowWords { get; set; } = 4;

        /// <summary>Lightweight mode: file with the 16–64 byte segment key, relative to the node directory (default "segment.key").</summary>
        public string SegmentKeyFile { get; set; } = "segment.key";
    }
}

namespace EdgeMesh.Protocol.Flooding
{
    /// <summary>
    /// Parameters of <see cref="ManagedFlooder"/>. Every table it keeps is sized from these values
    /// once, in its constructor (docs/gossip.md §6 explains the defaults).
    /// </summary>
    public sealed class FloodingOptions
    {
        /// <summary>Creates the defaults: 64 remembered ids, 8 pending rebroadcasts, 256-byte frames.</summary>
        public FloodingOptions()
        {
            HistoryCapacity = 64;
            PendingCapacity = 8;
            MaxFrameLength = 256;
            JitterWindowMs = 150;
            SnrWindowMs = 600;
            SnrMinDb = -20;
            SnrMaxDb = 10;
            SuppressionThreshold = 3;
            Seed = 0x2545F491;
        }

        /// <summary>(sender, sequence) pairs remembered for duplicate suppression; the oldest is forgotten first.</summary>
        public int HistoryCapacity { get; set; }

        /// <summary>Rebroadcasts that may wait at once; a frame that finds no free slot is not relayed (counted).</summary>
        public int PendingCapacity { get; set; }

        /// <summary>Largest frame accepted and relayed, header and trailer included (a radio packet).</summary>
        public int MaxFrameLength { get; set; }

        /// <summary>Random part of the rebroadcast delay, milliseconds: [0, JitterWindowMs).</summary>
        public int JitterWindowMs { get; set; }

        /// <summary>
        /// SNR-driven part of the delay, milliseconds: a frame heard at <see cref="SnrMinDb"/> (a far
        /// sender) waits 0, one heard at <see cref="SnrMaxDb"/> (a near sender) waits this long, so
        /// the node that extends coverage most relays first. When the driver reports no SNR, the whole
        /// window is drawn at random instead.
        /// </summary>
        public int SnrWindowMs { get; set; }

        /// <summary>SNR (dB) at or below which the SNR-driven delay is 0.</summary>
        public int SnrMinDb { get; set; }

        /// <summary>SNR (dB) at or above which the SNR-driven delay is <see cref="SnrWindowMs"/>.</summary>
        public int SnrMaxDb { get; set; }

        /// <summary>
        /// Copies of a frame heard from neighbours while its own rebroadcast waits that cancel the
        /// rebroadcast (1: the first neighbour heard relaying it; default 3, which keeps delivery high on
        /// sparse layouts, see docs/gossip.md §9). 0 never cancels.
        /// </summary>
        public int SuppressionThreshold { get; set; }

        /// <summary>Seed of the delay jitter; give every node its own (its node id, say).</summary>
        public uint Seed { get; set; }
    }
}

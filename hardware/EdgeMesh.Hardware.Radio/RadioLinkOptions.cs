namespace EdgeMesh.Hardware.Radio
{
    /// <summary>
    /// Bounds and policy of a <see cref="RadioLink"/>. Defaults suit LoRa in EU868: 1 % duty cycle per
    /// hour, 4 queued frames of up to 512 bytes, 4 reassembly slots with a 30 s timeout.
    /// </summary>
    public sealed class RadioLinkOptions
    {
        /// <summary>Largest frame sent or reassembled, bytes.</summary>
        public int MaxFrameLength { get; set; } = 512;

        /// <summary>Own frames waiting for the air; a full queue refuses (and counts) new ones.</summary>
        public int TransmitQueueCapacity { get; set; } = 4;

        /// <summary>Datagrams reassembled at once.</summary>
        public int ReassemblySlots { get; set; } = 4;

        /// <summary>How long a fragmented frame may take to arrive, ms.</summary>
        public int ReassemblyTimeoutMs { get; set; } = 30000;

        /// <summary>Messages remembered by the pipeline's duplicate cache.</summary>
        public int SeenCapacity { get; set; } = 256;

        /// <summary>Senders tracked by the replay window.</summary>
        public int SequenceSenders { get; set; } = 64;

        /// <summary>Duty cycle, parts per million (10 000 = 1 %; <see cref="AirtimeBudget.Unlimited"/> for none).</summary>
        public int DutyCyclePpm { get; set; } = 10000;

        /// <summary>Window the duty cycle is measured over, ms (regulations use one hour).</summary>
        public long DutyCycleWindowMs { get; set; } = 3600000;

        /// <summary>True when the radio reports SNR (LoRa): relays of weak frames go first. Otherwise the delay is random.</summary>
        public bool UseSnr { get; set; } = true;

        /// <summary>Seed of the flooder's jitter (pick per node, e.g. from its id).</summary>
        public uint FloodSeed { get; set; } = 0x2545F491;

        /// <summary>Remembered (sender, sequence) pairs for flood duplicate suppression.</summary>
        public int FloodHistory { get; set; } = 64;

        /// <summary>Rebroadcasts waiting at once.</summary>
        public int FloodPending { get; set; } = 8;

        /// <summary>Upper end of the SNR-driven rebroadcast delay, ms (scale it with the airtime: a few packet times).</summary>
        public int SnrWindowMs { get; set; } = 600;

        /// <summary>Random jitter added to every rebroadcast delay, ms.</summary>
        public int JitterWindowMs { get; set; } = 150;
    }
}

using EdgeMesh.Protocol.Flooding;

namespace EdgeMesh.Firmware.Link
{
    /// <summary>
    /// Sizes and timing of a <see cref="SegmentLink"/>. Every buffer and table is allocated once
    /// from these values; <see cref="SegmentLink.ReservedBytes"/> reports what they cost.
    /// </summary>
    public sealed class SegmentLinkOptions
    {
        /// <summary>The defaults for a LoRa segment: 255-byte frames, 4 transmit slots, 32 senders.</summary>
        public SegmentLinkOptions()
        {
            MaxFrameLength = 255;
            TransmitSlots = 4;
            ReplaySenders = 32;
            ReplayWindowWords = 1;
            ReassemblySlots = 2;
            ReassemblyTimeoutMs = 3000;
            DutyCyclePerMille = 1000;
            DutyCycleWindowMs = 60000;
            ReportsSnr = true;
            Flooding = new FloodingOptions();
            Flooding.HistoryCapacity = 64;
            Flooding.PendingCapacity = 4;
            Flooding.MaxFrameLength = MaxFrameLength;
        }

        /// <summary>Largest frame carried (header + payload + MAC), bytes; one LoRa packet by default.</summary>
        public int MaxFrameLength { get; set; }

        /// <summary>Frames waiting to be transmitted (own and relayed); a frame that finds none free is dropped.</summary>
        public int TransmitSlots { get; set; }

        /// <summary>Senders the replay window tracks (the segment's size plus headroom).</summary>
        public int ReplaySenders { get; set; }

        /// <summary>64-sequence words of replay window per sender.</summary>
        public int ReplayWindowWords { get; set; }

        /// <summary>Frames being reassembled at once (used when frames exceed the radio's packet).</summary>
        public int ReassemblySlots { get; set; }

        /// <summary>An unfinished reassembly is dropped after this long, ms.</summary>
        public int ReassemblyTimeoutMs { get; set; }

        /// <summary>Airtime share allowed, per mille (1000: no regulatory limit).</summary>
        public int DutyCyclePerMille { get; set; }

        /// <summary>Window the duty cycle is measured over, ms.</summary>
        public int DutyCycleWindowMs { get; set; }

        /// <summary>True when the radio reports SNR (SX1276); the rebroadcast delay then follows it.</summary>
        public bool ReportsSnr { get; set; }

        /// <summary>Managed flooding (duplicate history, pending rebroadcasts, delays).</summary>
        public FloodingOptions Flooding { get; set; }
    }
}

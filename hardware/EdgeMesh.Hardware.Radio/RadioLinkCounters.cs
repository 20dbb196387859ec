namespace EdgeMesh.Hardware.Radio
{
    /// <summary>What a <see cref="RadioLink"/> did and dropped; monotonically increasing.</summary>
    public sealed class RadioLinkCounters
    {
        /// <summary>Own frames accepted for transmission.</summary>
        public long FramesQueued { get; internal set; }

        /// <summary>Own frames refused: the transmit queue was full.</summary>
        public long QueueFull { get; internal set; }

        /// <summary>Own frames refused: invalid, or longer than the link carries.</summary>
        public long FramesRefused { get; internal set; }

        /// <summary>Frames whose every packet was sent (own and relayed).</summary>
        public long FramesSent { get; internal set; }

        /// <summary>Relayed frames sent.</summary>
        public long RelaysSent { get; internal set; }

        /// <summary>Packets transmitted.</summary>
        public long PacketsSent { get; internal set; }

        /// <summary>Packets whose transmission failed (the frame's remaining packets are dropped).</summary>
        public long TransmitFailures { get; internal set; }

        /// <summary>Packets received with a good CRC.</summary>
        public long PacketsReceived { get; internal set; }

        /// <summary>Packets the radio dropped for a CRC error.</summary>
        public long CrcErrors { get; internal set; }

        /// <summary>Packets the reassembler rejected.</summary>
        public long ReassemblyRejects { get; internal set; }

        /// <summary>New, authentic frames handed to the application.</summary>
        public long FramesDelivered { get; internal set; }

        /// <summary>Duplicates heard (counted toward suppressing our own pending relay).</summary>
        public long DuplicatesHeard { get; internal set; }

        /// <summary>Frames refused by the pipeline (decode error, replay, authentication).</summary>
        public long FramesRejected { get; internal set; }

        /// <summary>Times a packet waited because the airtime budget was spent.</summary>
        public long DutyCycleDeferrals { get; internal set; }
    }
}

namespace EdgeMesh.Hardware.Nrf24l01
{
    /// <summary>What an <see cref="Nrf24l01Driver"/> did and what went wrong; monotonically increasing.</summary>
    public sealed class Nrf24Counters
    {
        /// <summary>Transmissions that ended with TX_DS (acknowledged, with auto-ack).</summary>
        public long PacketsSent { get; internal set; }

        /// <summary>Transmissions that ended with MAX_RT (the TX FIFO was flushed).</summary>
        public long MaxRetransmits { get; internal set; }

        /// <summary>Retransmissions the chip reported (OBSERVE_TX ARC_CNT, summed per packet).</summary>
        public long Retransmissions { get; internal set; }

        /// <summary>Packets read from the RX FIFO.</summary>
        public long PacketsReceived { get; internal set; }

        /// <summary>Payload widths above 32 (a corrupt packet: the RX FIFO was flushed).</summary>
        public long CorruptWidths { get; internal set; }

        /// <summary>Times the RX FIFO was found full (later packets may have been lost in the chip).</summary>
        public long RxFifoFull { get; internal set; }

        /// <summary>Packets dropped because the caller's buffer was too small.</summary>
        public long LengthErrors { get; internal set; }

        /// <summary>Received packets overwritten by the next one before <see cref="Nrf24l01Driver.ReadPacket"/>.</summary>
        public long Overruns { get; internal set; }

        /// <summary>Transmissions with neither TX_DS nor MAX_RT before the deadline.</summary>
        public long TransmitTimeouts { get; internal set; }

        /// <summary>Send calls refused because a transmission was in progress.</summary>
        public long BusyRejections { get; internal set; }
    }
}

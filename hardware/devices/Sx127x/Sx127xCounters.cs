namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>What an <see cref="Sx127xDriver"/> did and what went wrong; monotonically increasing.</summary>
    public sealed class Sx127xCounters
    {
        /// <summary>Transmissions that ended with TxDone.</summary>
        public long PacketsSent { get; internal set; }

        /// <summary>Packets received with a good CRC.</summary>
        public long PacketsReceived { get; internal set; }

        /// <summary>Packets dropped for a payload CRC error.</summary>
        public long CrcErrors { get; internal set; }

        /// <summary>Packets dropped because the reported length was 0 or the caller's buffer was too small.</summary>
        public long LengthErrors { get; internal set; }

        /// <summary>Received packets overwritten by the next one before <see cref="Sx127xDriver.ReadPacket"/>.</summary>
        public long Overruns { get; internal set; }

        /// <summary>Transmissions with no TxDone within twice their airtime (the chip was reset to standby).</summary>
        public long TransmitTimeouts { get; internal set; }

        /// <summary>Mode changes the chip did not confirm before the deadline.</summary>
        public long ModeTimeouts { get; internal set; }

        /// <summary>Send calls refused because a transmission was in progress.</summary>
        public long BusyRejections { get; internal set; }
    }
}

namespace EdgeMesh.Hardware.Radio
{
    /// <summary>
    /// A packet radio as the link layer sees it: one packet of at most <see cref="MaxPacketLength"/>
    /// bytes at a time, half duplex. The SX127x and nRF24L01+ drivers implement it. Calls are
    /// non-blocking: <see cref="Send"/> starts a transmission and <see cref="Service"/> reports how it
    /// ended. Call <see cref="Service"/> after the radio's IRQ pin fires (or on a poll tick); it reads
    /// and clears the chip's interrupt flags. Single-threaded by contract; no allocation per packet.
    /// </summary>
    public interface IPacketRadio
    {
        /// <summary>Largest packet the radio carries (255 for LoRa, 32 for nRF24L01+).</summary>
        int MaxPacketLength { get; }

        /// <summary>True from <see cref="Send"/> until <see cref="Service"/> reports the transmission's end.</summary>
        bool IsTransmitting { get; }

        /// <summary>Puts the radio into continuous receive (also where it returns after each transmission).</summary>
        RadioResult StartReceive();

        /// <summary>Starts transmitting one packet copied from the caller's buffer.</summary>
        RadioResult Send(byte[] buffer, int offset, int count);

        /// <summary>Handles pending chip interrupts; returns the most important event (see <see cref="RadioEvent"/>).</summary>
        RadioEvent Service();

        /// <summary>
        /// After <see cref="RadioEvent.PacketReceived"/>: copies the packet into the caller's buffer and
        /// returns its length; 0 if no packet is pending; -1 if it does not fit in <paramref name="count"/>
        /// (the packet is dropped).
        /// </summary>
        int ReadPacket(byte[] buffer, int offset, int count);

        /// <summary>RSSI of the last packet received, dBm.</summary>
        int LastRssiDbm { get; }

        /// <summary>SNR of the last packet received, in quarter dB (the SX127x's own unit); 0 if the chip has none.</summary>
        int LastSnrQuarterDb { get; }

        /// <summary>How long a packet of <paramref name="payloadLength"/> bytes occupies the air with the current settings, microseconds.</summary>
        long TimeOnAirMicroseconds(int payloadLength);
    }
}

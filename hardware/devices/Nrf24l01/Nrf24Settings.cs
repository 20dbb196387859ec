namespace EdgeMesh.Hardware.Nrf24l01
{
    /// <summary>
    /// Enhanced ShockBurst settings. Defaults: channel 76 (2476 MHz, above most Wi-Fi), 1 Mbps, 0 dBm,
    /// 5-byte addresses, 2-byte CRC, auto-acknowledge with 15 retries 1500 µs apart, dynamic payloads.
    /// Pipe 0 receives acknowledgements for the TX address (the driver keeps RX_ADDR_P0 equal to
    /// <see cref="TransmitAddress"/>); pipes 1..5 receive on <see cref="Pipe1Address"/> and the
    /// one-byte suffixes <see cref="PipeSuffixes"/> (pipes 2..5 share pipe 1's upper bytes).
    /// </summary>
    public sealed class Nrf24Settings
    {
        /// <summary>RF channel 0..125 (2400 + n MHz).</summary>
        public int Channel { get; set; } = 76;

        /// <summary>Air data rate.</summary>
        public Nrf24DataRate DataRate { get; set; } = Nrf24DataRate.Rate1Mbps;

        /// <summary>Output power.</summary>
        public Nrf24OutputPower OutputPower { get; set; } = Nrf24OutputPower.ZeroDbm;

        /// <summary>Address width 3..5 bytes.</summary>
        public int AddressWidth { get; set; } = 5;

        /// <summary>CRC length 1 or 2 bytes.</summary>
        public int CrcBytes { get; set; } = 2;

        /// <summary>Auto-acknowledge with automatic retransmission (all enabled pipes).</summary>
        public bool AutoAck { get; set; } = true;

        /// <summary>Delay between retransmissions, 250..4000 µs in steps of 250.</summary>
        public int RetransmitDelayMicroseconds { get; set; } = 1500;

        /// <summary>Retransmissions before MAX_RT, 0..15.</summary>
        public int RetransmitCount { get; set; } = 15;

        /// <summary>Dynamic payload length (otherwise every payload is <see cref="StaticPayloadWidth"/> bytes).</summary>
        public bool DynamicPayload { get; set; } = true;

        /// <summary>Payload width without dynamic payloads, 1..32.</summary>
        public int StaticPayloadWidth { get; set; } = 32;

        /// <summary>Destination address, LSByte first (<see cref="AddressWidth"/> bytes used).</summary>
        public byte[] TransmitAddress { get; set; } = new byte[] { 0xE7, 0xE7, 0xE7, 0xE7, 0xE7 };

        /// <summary>This node's pipe 1 address, LSByte first.</summary>
        public byte[] Pipe1Address { get; set; } = new byte[] { 0xC2, 0xC2, 0xC2, 0xC2, 0xC2 };

        /// <summary>LSBytes of pipes 2..5 (4 bytes).</summary>
        public byte[] PipeSuffixes { get; set; } = new byte[] { 0xC3, 0xC4, 0xC5, 0xC6 };

        /// <summary>Enabled receive pipes, bit n = pipe n (pipe 0 is needed for acknowledgements).</summary>
        public int EnabledPipes { get; set; } = 0x03;

        /// <summary>True when every field is in range.</summary>
        public bool IsValid()
        {
            return Channel >= 0 && Channel <= 125
                && AddressWidth >= 3 && AddressWidth <= 5
                && (CrcBytes == 1 || CrcBytes == 2)
                && RetransmitDelayMicroseconds >= 250 && RetransmitDelayMicroseconds <= 4000 && RetransmitDelayMicroseconds % 250 == 0
                && RetransmitCount >= 0 && RetransmitCount <= 15
                && StaticPayloadWidth >= 1 && StaticPayloadWidth <= Nrf24l01Registers.MaxPayload
                && TransmitAddress != null && TransmitAddress.Length >= AddressWidth
                && Pipe1Address != null && Pipe1Address.Length >= AddressWidth
                && PipeSuffixes != null && PipeSuffixes.Length == 4
                && (EnabledPipes & ~0x3F) == 0;
        }

        /// <summary>
        /// Airtime of one packet, µs: preamble 1 byte, address, 9-bit packet control field, payload, CRC
        /// (PS §7.3), rounded up.
        /// </summary>
        public long TimeOnAirMicroseconds(int payloadLength)
        {
            long bits = (8L * (1 + AddressWidth + payloadLength + CrcBytes)) + 9;
            if (DataRate == Nrf24DataRate.Rate250kbps)
            {
                return bits * 4;
            }

            return DataRate == Nrf24DataRate.Rate2Mbps ? (bits + 1) / 2 : bits;
        }
    }
}

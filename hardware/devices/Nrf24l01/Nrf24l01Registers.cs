namespace EdgeMesh.Hardware.Nrf24l01
{
    /// <summary>
    /// nRF24L01+ SPI commands, registers and bits. "PS" is the Nordic nRF24L01+ Product Specification
    /// v1.0 (2008); each constant names the section or table that defines it. The chip model in
    /// EdgeMesh.Hardware.Simulation decodes the same constants.
    /// </summary>
    internal static class Nrf24l01Registers
    {
        /// <summary>PS §8.3.1 table 20: R_REGISTER = 000A AAAA.</summary>
        internal const byte ReadRegister = 0x00;

        /// <summary>PS table 20: W_REGISTER = 001A AAAA (power down or standby only).</summary>
        internal const byte WriteRegister = 0x20;

        /// <summary>PS table 20: the register address bits of R/W_REGISTER.</summary>
        internal const byte RegisterMask = 0x1F;

        /// <summary>PS table 20: R_RX_PAYLOAD, 1–32 bytes, then the payload leaves the RX FIFO.</summary>
        internal const byte ReadRxPayload = 0x61;

        /// <summary>PS table 20: W_TX_PAYLOAD, 1–32 bytes.</summary>
        internal const byte WriteTxPayload = 0xA0;

        /// <summary>PS table 20: W_TX_PAYLOAD_NOACK (needs FEATURE.EN_DYN_ACK).</summary>
        internal const byte WriteTxPayloadNoAck = 0xB0;

        /// <summary>PS table 20: FLUSH_TX.</summary>
        internal const byte FlushTx = 0xE1;

        /// <summary>PS table 20: FLUSH_RX.</summary>
        internal const byte FlushRx = 0xE2;

        /// <summary>PS table 20: R_RX_PL_WID, width of the top RX payload (above 32 means corrupt: flush).</summary>
        internal const byte ReadRxPayloadWidth = 0x60;

        /// <summary>PS table 20: NOP, returns STATUS.</summary>
        internal const byte Nop = 0xFF;

        /// <summary>PS §9.1 table 28: CONFIG.</summary>
        internal const byte Config = 0x00;

        /// <summary>PS table 28: EN_AA, auto-acknowledge per pipe.</summary>
        internal const byte EnableAutoAck = 0x01;

        /// <summary>PS table 28: EN_RXADDR, enabled RX pipes.</summary>
        internal const byte EnableRxAddress = 0x02;

        /// <summary>PS table 28: SETUP_AW, address width (1 = 3 bytes … 3 = 5 bytes).</summary>
        internal const byte SetupAddressWidth = 0x03;

        /// <summary>PS table 28: SETUP_RETR, ARD (b7..4, (n+1)·250 µs) and ARC (b3..0).</summary>
        internal const byte SetupRetransmit = 0x04;

        /// <summary>PS table 28: RF_CH, 2400 + n MHz.</summary>
        internal const byte RfChannel = 0x05;

        /// <summary>PS table 28: RF_SETUP, data rate and power.</summary>
        internal const byte RfSetup = 0x06;

        /// <summary>PS table 28: STATUS; RX_DR, TX_DS, MAX_RT are cleared by writing 1.</summary>
        internal const byte Status = 0x07;

        /// <summary>PS table 28: OBSERVE_TX, PLOS_CNT (b7..4) and ARC_CNT (b3..0).</summary>
        internal const byte ObserveTx = 0x08;

        /// <summary>PS table 28: RPD, received power above −64 dBm.</summary>
        internal const byte ReceivedPowerDetector = 0x09;

        /// <summary>PS table 28: RX_ADDR_P0 (3–5 bytes, LSByte first).</summary>
        internal const byte RxAddressPipe0 = 0x0A;

        /// <summary>PS table 28: RX_ADDR_P1 (3–5 bytes).</summary>
        internal const byte RxAddressPipe1 = 0x0B;

        /// <summary>PS table 28: RX_ADDR_P2; P3..P5 follow (one byte each, upper bytes shared with P1).</summary>
        internal const byte RxAddressPipe2 = 0x0C;

        /// <summary>PS table 28: TX_ADDR (must equal RX_ADDR_P0 for auto-acknowledge).</summary>
        internal const byte TxAddress = 0x10;

        /// <summary>PS table 28: RX_PW_P0; P1..P5 follow: static payload widths.</summary>
        internal const byte RxPayloadWidthPipe0 = 0x11;

        /// <summary>PS table 28: FIFO_STATUS.</summary>
        internal const byte FifoStatus = 0x17;

        /// <summary>PS table 28: DYNPD, dynamic payload length per pipe.</summary>
        internal const byte DynamicPayload = 0x1C;

        /// <summary>PS table 28: FEATURE.</summary>
        internal const byte Feature = 0x1D;

        /// <summary>PS table 28 CONFIG b6: RX_DR not on the IRQ pin.</summary>
        internal const byte MaskRxDataReady = 0x40;

        /// <summary>CONFIG b5: TX_DS not on the IRQ pin.</summary>
        internal const byte MaskTxDataSent = 0x20;

        /// <summary>CONFIG b4: MAX_RT not on the IRQ pin.</summary>
        internal const byte MaskMaxRetransmits = 0x10;

        /// <summary>CONFIG b3: CRC on.</summary>
        internal const byte EnableCrc = 0x08;

        /// <summary>CONFIG b2: 2-byte CRC.</summary>
        internal const byte CrcTwoBytes = 0x04;

        /// <summary>CONFIG b1: power up.</summary>
        internal const byte PowerUp = 0x02;

        /// <summary>CONFIG b0: primary receiver.</summary>
        internal const byte PrimaryRx = 0x01;

        /// <summary>STATUS b6: data ready in the RX FIFO.</summary>
        internal const byte RxDataReady = 0x40;

        /// <summary>STATUS b5: packet sent (and acknowledged, with auto-ack).</summary>
        internal const byte TxDataSent = 0x20;

        /// <summary>STATUS b4: maximum retransmits reached; no more TX until cleared.</summary>
        internal const byte MaxRetransmits = 0x10;

        /// <summary>The three clearable STATUS flags.</summary>
        internal const byte StatusFlags = 0x70;

        /// <summary>STATUS b3..1: pipe of the top RX payload; 7 = RX FIFO empty.</summary>
        internal const byte RxPipeMask = 0x0E;

        /// <summary>STATUS RX_P_NO value for an empty RX FIFO.</summary>
        internal const int RxPipeEmpty = 7;

        /// <summary>STATUS b0: TX FIFO full.</summary>
        internal const byte StatusTxFull = 0x01;

        /// <summary>FIFO_STATUS b5: TX FIFO full.</summary>
        internal const byte FifoTxFull = 0x20;

        /// <summary>FIFO_STATUS b4: TX FIFO empty.</summary>
        internal const byte FifoTxEmpty = 0x10;

        /// <summary>FIFO_STATUS b1: RX FIFO full.</summary>
        internal const byte FifoRxFull = 0x02;

        /// <summary>FIFO_STATUS b0: RX FIFO empty.</summary>
        internal const byte FifoRxEmpty = 0x01;

        /// <summary>RF_SETUP b5: RF_DR_LOW (250 kbps).</summary>
        internal const byte DataRateLow = 0x20;

        /// <summary>RF_SETUP b3: RF_DR_HIGH (2 Mbps).</summary>
        internal const byte DataRateHigh = 0x08;

        /// <summary>RF_SETUP b2..1: RF_PWR.</summary>
        internal const byte PowerMask = 0x06;

        /// <summary>FEATURE b2: EN_DPL, dynamic payload length.</summary>
        internal const byte FeatureDynamicPayload = 0x04;

        /// <summary>FEATURE b0: EN_DYN_ACK, W_TX_PAYLOAD_NOACK allowed.</summary>
        internal const byte FeatureDynamicAck = 0x01;

        /// <summary>PS §7.3.4: largest payload.</summary>
        internal const int MaxPayload = 32;

        /// <summary>PS §7.5.1: the TX and the RX FIFO hold three payloads each.</summary>
        internal const int FifoDepth = 3;

        /// <summary>PS §6.1.7 table 16: Tpd2stby with an external clock / crystal, worst case 1.5 ms.</summary>
        internal const int PowerUpMicroseconds = 1500;

        /// <summary>PS table 16: Tstby2a, RX/TX settling, 130 µs.</summary>
        internal const int SettlingMicroseconds = 130;

        /// <summary>PS §6.1.5: CE high for at least 10 µs starts one transmission.</summary>
        internal const int TransmitPulseMicroseconds = 15;
    }
}

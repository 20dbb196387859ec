namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>
    /// SX1276/77/78 register addresses and bit fields used in LoRa mode. "DS" is the Semtech
    /// SX1276/77/78 datasheet (rev. 7, May 2020); each constant names the section that defines it.
    /// The chip model in EdgeMesh.Hardware.Simulation uses the same constants, so a wrong value shows
    /// up as a disagreement with the documented reset values checked in the tests.
    /// </summary>
    internal static class Sx127xRegisters
    {
        /// <summary>DS §4.3 (SPI interface): bit 7 of the address byte set means write, clear means read.</summary>
        internal const byte WriteBit = 0x80;

        /// <summary>DS §4.3: the low seven bits of the address byte select the register.</summary>
        internal const byte AddressMask = 0x7F;

        /// <summary>DS §6.4 RegFifo: FIFO read/write through RegFifoAddrPtr; a burst does not advance the address.</summary>
        internal const byte Fifo = 0x00;

        /// <summary>DS §6.4 RegOpMode: LongRangeMode, AccessSharedReg, LowFrequencyModeOn, Mode.</summary>
        internal const byte OpMode = 0x01;

        /// <summary>DS §6.4 RegFrfMsb (then Mid 0x07, Lsb 0x08): Frf = Fstep · value, Fstep = 32 MHz / 2^19.</summary>
        internal const byte FrfMsb = 0x06;

        /// <summary>DS §6.4 RegFrfMid.</summary>
        internal const byte FrfMid = 0x07;

        /// <summary>DS §6.4 RegFrfLsb: the frequency takes effect when this byte is written.</summary>
        internal const byte FrfLsb = 0x08;

        /// <summary>DS §6.4 RegPaConfig: PaSelect (b7), MaxPower (b6..4), OutputPower (b3..0); DS §5.4.2.</summary>
        internal const byte PaConfig = 0x09;

        /// <summary>DS §6.4 RegOcp: OcpOn (b5), OcpTrim (b4..0); DS §5.4.4.</summary>
        internal const byte Ocp = 0x0B;

        /// <summary>DS §6.4 RegLna: LnaGain (b7..5), LnaBoostHf (b1..0).</summary>
        internal const byte Lna = 0x0C;

        /// <summary>DS §6.4 RegFifoAddrPtr: SPI pointer into the 256-byte FIFO; DS §4.1.2.3.</summary>
        internal const byte FifoAddrPtr = 0x0D;

        /// <summary>DS §6.4 RegFifoTxBaseAddr: where the transmitted payload starts.</summary>
        internal const byte FifoTxBaseAddr = 0x0E;

        /// <summary>DS §6.4 RegFifoRxBaseAddr: where received payloads are written.</summary>
        internal const byte FifoRxBaseAddr = 0x0F;

        /// <summary>DS §6.4 RegFifoRxCurrentAddr: start of the last packet received (read only).</summary>
        internal const byte FifoRxCurrentAddr = 0x10;

        /// <summary>DS §6.4 RegIrqFlagsMask: 1 masks the interrupt.</summary>
        internal const byte IrqFlagsMask = 0x11;

        /// <summary>DS §6.4 RegIrqFlags: latched flags, cleared by writing 1.</summary>
        internal const byte IrqFlags = 0x12;

        /// <summary>DS §6.4 RegRxNbBytes: length of the last packet received.</summary>
        internal const byte RxNbBytes = 0x13;

        /// <summary>DS §6.4 RegPktSnrValue: SNR of the last packet, two's complement, quarter dB; DS §5.5.5.</summary>
        internal const byte PktSnrValue = 0x19;

        /// <summary>DS §6.4 RegPktRssiValue: RSSI of the last packet; DS §5.5.5.</summary>
        internal const byte PktRssiValue = 0x1A;

        /// <summary>DS §6.4 RegModemConfig1: Bw (b7..4), CodingRate (b3..1), ImplicitHeaderModeOn (b0).</summary>
        internal const byte ModemConfig1 = 0x1D;

        /// <summary>DS §6.4 RegModemConfig2: SpreadingFactor (b7..4), TxContinuousMode, RxPayloadCrcOn (b2), SymbTimeout(9:8).</summary>
        internal const byte ModemConfig2 = 0x1E;

        /// <summary>DS §6.4 RegSymbTimeoutLsb: RX-single timeout, symbols.</summary>
        internal const byte SymbTimeoutLsb = 0x1F;

        /// <summary>DS §6.4 RegPreambleMsb (Lsb 0x21): preamble length in symbols; the modem adds 4.25.</summary>
        internal const byte PreambleMsb = 0x20;

        /// <summary>DS §6.4 RegPreambleLsb.</summary>
        internal const byte PreambleLsb = 0x21;

        /// <summary>DS §6.4 RegPayloadLength: length to transmit (and to expect in implicit-header mode).</summary>
        internal const byte PayloadLength = 0x22;

        /// <summary>DS §6.4 RegMaxPayloadLength: packets longer than this raise a CRC error.</summary>
        internal const byte MaxPayloadLength = 0x23;

        /// <summary>DS §6.4 RegModemConfig3 (SX1276/77/78 only): LowDataRateOptimize (b3), AgcAutoOn (b2).</summary>
        internal const byte ModemConfig3 = 0x26;

        /// <summary>DS §6.4 RegDetectOptimize: 0xC3 for SF7..12, 0xC5 for SF6; DS §4.1.1.2.</summary>
        internal const byte DetectOptimize = 0x31;

        /// <summary>DS §6.4 RegDetectionThreshold: 0x0A for SF7..12, 0x0C for SF6; DS §4.1.1.2.</summary>
        internal const byte DetectionThreshold = 0x37;

        /// <summary>DS §6.4 RegSyncWord: 0x12 private networks, 0x34 reserved for LoRaWAN.</summary>
        internal const byte SyncWord = 0x39;

        /// <summary>DS §6.4 RegDioMapping1: DIO0 mapping (b7..6); DS table 18.</summary>
        internal const byte DioMapping1 = 0x40;

        /// <summary>DS §6.4 RegVersion: 0x12 on SX1276/77/78.</summary>
        internal const byte Version = 0x42;

        /// <summary>DS §6.4 RegPaDac: 0x84 default, 0x87 enables +20 dBm on PA_BOOST; DS §5.4.3.</summary>
        internal const byte PaDac = 0x4D;

        /// <summary>DS §6.2 RegOpMode b7: LoRa (1) or FSK/OOK (0); writable only in sleep.</summary>
        internal const byte LongRangeMode = 0x80;

        /// <summary>DS §6.2 RegOpMode b3: low-frequency register bank (bands 2 and 3, below 525 MHz).</summary>
        internal const byte LowFrequencyModeOn = 0x08;

        /// <summary>DS §6.2 RegOpMode b2..0.</summary>
        internal const byte ModeMask = 0x07;

        /// <summary>DS §4.1.6 / table 16: Mode = SLEEP.</summary>
        internal const byte ModeSleep = 0x00;

        /// <summary>DS table 16: Mode = STDBY.</summary>
        internal const byte ModeStandby = 0x01;

        /// <summary>DS table 16: Mode = TX (returns to STDBY after TxDone).</summary>
        internal const byte ModeTransmit = 0x03;

        /// <summary>DS table 16: Mode = RXCONTINUOUS.</summary>
        internal const byte ModeReceiveContinuous = 0x05;

        /// <summary>DS table 16: Mode = RXSINGLE (returns to STDBY after RxDone or RxTimeout).</summary>
        internal const byte ModeReceiveSingle = 0x06;

        /// <summary>DS §6.4 RegIrqFlags b7.</summary>
        internal const byte IrqRxTimeout = 0x80;

        /// <summary>DS §6.4 RegIrqFlags b6.</summary>
        internal const byte IrqRxDone = 0x40;

        /// <summary>DS §6.4 RegIrqFlags b5.</summary>
        internal const byte IrqPayloadCrcError = 0x20;

        /// <summary>DS §6.4 RegIrqFlags b4.</summary>
        internal const byte IrqValidHeader = 0x10;

        /// <summary>DS §6.4 RegIrqFlags b3.</summary>
        internal const byte IrqTxDone = 0x08;

        /// <summary>Every flag: writing it to RegIrqFlags clears them all.</summary>
        internal const byte IrqAll = 0xFF;

        /// <summary>DS table 18: DIO0 = RxDone (RegDioMapping1 b7..6 = 00).</summary>
        internal const byte Dio0RxDone = 0x00;

        /// <summary>DS table 18: DIO0 = TxDone (01).</summary>
        internal const byte Dio0TxDone = 0x40;

        /// <summary>DS §6.4 RegPaConfig b7: PA_BOOST pin (1) or RFO pin (0).</summary>
        internal const byte PaSelectBoost = 0x80;

        /// <summary>DS §6.4 RegPaConfig MaxPower = 7: Pmax = 10.8 + 0.6 · 7 = 15 dBm on RFO.</summary>
        internal const byte PaMaxPowerRfo = 0x70;

        /// <summary>DS §5.4.3 RegPaDac: normal PA_BOOST operation (up to +17 dBm).</summary>
        internal const byte PaDacDefault = 0x84;

        /// <summary>DS §5.4.3 RegPaDac: +20 dBm on PA_BOOST.</summary>
        internal const byte PaDacHighPower = 0x87;

        /// <summary>DS §5.4.4 RegOcp: OcpOn with trim 11 → 45 + 5 · 11 = 100 mA, the reset value.</summary>
        internal const byte Ocp100mA = 0x2B;

        /// <summary>DS §5.4.4 RegOcp: OcpOn with trim 17 → −30 + 10 · 17 = 140 mA, needed for +20 dBm.</summary>
        internal const byte Ocp140mA = 0x31;

        /// <summary>DS §6.4 RegLna: G1 (maximum gain) and LnaBoostHf = 11 (150 % LNA current).</summary>
        internal const byte LnaMaxGainBoost = 0x23;

        /// <summary>DS §6.4 RegModemConfig2 b2: CRC on the payload.</summary>
        internal const byte RxPayloadCrcOn = 0x04;

        /// <summary>DS §6.4 RegModemConfig1 b0: implicit header.</summary>
        internal const byte ImplicitHeaderModeOn = 0x01;

        /// <summary>DS §6.4 RegModemConfig3 b3: low data-rate optimisation (mandatory above 16 ms per symbol, DS §4.1.1.6).</summary>
        internal const byte LowDataRateOptimize = 0x08;

        /// <summary>DS §6.4 RegModemConfig3 b2: LNA gain set by the AGC.</summary>
        internal const byte AgcAutoOn = 0x04;

        /// <summary>DS §4.1.1.2: RegDetectOptimize for SF7..12.</summary>
        internal const byte DetectOptimizeSf7To12 = 0xC3;

        /// <summary>DS §4.1.1.2: RegDetectOptimize for SF6.</summary>
        internal const byte DetectOptimizeSf6 = 0xC5;

        /// <summary>DS §4.1.1.2: RegDetectionThreshold for SF7..12.</summary>
        internal const byte DetectionThresholdSf7To12 = 0x0A;

        /// <summary>DS §4.1.1.2: RegDetectionThreshold for SF6.</summary>
        internal const byte DetectionThresholdSf6 = 0x0C;

        /// <summary>DS §6.4 RegVersion of the SX1276/77/78.</summary>
        internal const byte VersionSx1276 = 0x12;

        /// <summary>RegVersion read on the SX1272/73 (another register layout: not supported).</summary>
        internal const byte VersionSx1272 = 0x22;

        /// <summary>FIFO size, DS §4.1.2.3.</summary>
        internal const int FifoSize = 256;

        /// <summary>DS §6.4 RegPktRssiValue offset on the high-frequency port (band 1, 862–1020 MHz).</summary>
        internal const int RssiOffsetHighFrequency = -157;

        /// <summary>DS §5.5.5 offset on the low-frequency port (bands 2 and 3, below 525 MHz).</summary>
        internal const int RssiOffsetLowFrequency = -164;

        /// <summary>DS §2.5.1: Fxosc = 32 MHz; Frf = Fxosc · Frf / 2^19.</summary>
        internal const long CrystalHz = 32000000;
    }
}

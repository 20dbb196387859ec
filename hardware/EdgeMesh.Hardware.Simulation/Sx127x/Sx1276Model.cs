using System;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Sx127x;
using R = EdgeMesh.Hardware.Sx127x.Sx127xRegisters;

namespace EdgeMesh.Hardware.Simulation.Sx127x
{
    /// <summary>
    /// Register-level model of an SX1276 in LoRa mode, seen through its SPI port and DIO0 pin.
    /// </summary>
    /// <remarks>
    /// Modelled (DS = SX1276/77/78 datasheet): the address byte with the write bit and address
    /// auto-increment in bursts, except at RegFifo where each byte moves RegFifoAddrPtr through the
    /// 256-byte FIFO (wrapping); separate LoRa and FSK pages for 0x0D..0x3F selected by LongRangeMode,
    /// which only changes in sleep; no FIFO access in sleep; TX that sends RegPayloadLength bytes from
    /// RegFifoTxBaseAddr for the airtime of the chip's own settings and falls back to standby with
    /// TxDone; RX continuous (stays) and RX single (back to standby), consecutive packets written one
    /// after another from RegFifoRxBaseAddr with RegFifoRxCurrentAddr at the newest; latched IRQ flags
    /// cleared by writing 1, masked by RegIrqFlagsMask; DIO0 following the flag RegDioMapping1 selects;
    /// payload CRC errors; SNR/RSSI registers from the received power and the demodulation floor of the
    /// spreading factor. Not modelled: FSK operation, CAD, frequency hopping, RX-single timeouts.
    /// </remarks>
    public sealed class Sx1276Model : ISpiDevice, IAirTransceiver
    {
        /// <summary>Receiver noise figure used for the noise floor, dB.</summary>
        private const double NoiseFigureDb = 6;

        /// <summary>Highest SNR RegPktSnrValue reports, dB.</summary>
        private const double MaxReportedSnrDb = 12;

        private readonly SimulatedAir _air;
        private readonly byte[] _registers = new byte[128];
        private readonly byte[] _fskPage = new byte[128];
        private readonly byte[] _fifo = new byte[R.FifoSize];
        private int _rxWriteAddress;
        private AirTransmission? _transmitting;

        /// <summary>Creates a chip at (x, y) metres on <paramref name="air"/>, in its reset state.</summary>
        public Sx1276Model(SimulatedAir air, double x, double y)
        {
            _air = air;
            X = x;
            Y = y;
            Dio0 = new SimulatedPin(0, air.Scheduler, false);
            Reset = new SimulatedPin(1, air.Scheduler, true);
            Reset.Written = high =>
            {
                if (!high)
                {
                    PowerOnReset();
                }
            };
            PowerOnReset();
            air.Attach(this);
        }

        /// <inheritdoc />
        public double X { get; set; }

        /// <inheritdoc />
        public double Y { get; set; }

        /// <summary>The DIO0 output (TxDone/RxDone per RegDioMapping1).</summary>
        public SimulatedPin Dio0 { get; }

        /// <summary>The NRESET input: driving it low resets every register.</summary>
        public SimulatedPin Reset { get; }

        /// <summary>What RegVersion reads (0x12; set 0x22 to impersonate an SX1272, 0x00 for a missing chip).</summary>
        public byte Version { get; set; } = R.VersionSx1276;

        /// <summary>Fault injection: the chip never raises TxDone (and stays in TX).</summary>
        public bool StuckTransmitter { get; set; }

        /// <summary>
        /// When true the chip is off the air: a transmission goes nowhere and ends only when the test
        /// calls <see cref="CompleteTransmit"/> (allocation tests exercise the driver this way, since the
        /// air itself allocates per packet).
        /// </summary>
        public bool Detached { get; set; }

        /// <summary>SPI transactions seen.</summary>
        public long Transactions { get; private set; }

        /// <summary>Packets the air delivered that were too weak to demodulate.</summary>
        public long BelowSensitivity { get; private set; }

        /// <summary>Packets transmitted.</summary>
        public long PacketsTransmitted { get; private set; }

        /// <summary>Current RegOpMode mode bits.</summary>
        public int Mode
        {
            get { return _registers[R.OpMode] & R.ModeMask; }
        }

        /// <summary>True in LoRa mode.</summary>
        public bool LoRa
        {
            get { return (_registers[R.OpMode] & R.LongRangeMode) != 0; }
        }

        /// <summary>Register value as the LoRa page holds it (tests inspect configuration with it).</summary>
        public byte Register(int address)
        {
            return address == R.Version ? Version : _registers[address];
        }

        /// <summary>Carrier frequency programmed in RegFrf, Hz.</summary>
        public long FrequencyHz
        {
            get
            {
                long frf = (_registers[R.FrfMsb] << 16) | (_registers[R.FrfMid] << 8) | _registers[R.FrfLsb];
                return (frf * R.CrystalHz) >> 19;
            }
        }

        /// <summary>Spreading factor from RegModemConfig2.</summary>
        public int SpreadingFactor
        {
            get { return _registers[R.ModemConfig2] >> 4; }
        }

        /// <summary>Bandwidth from RegModemConfig1.</summary>
        public LoRaBandwidth Bandwidth
        {
            get { return (LoRaBandwidth)(_registers[R.ModemConfig1] >> 4); }
        }

        /// <summary>Radiated power from RegPaConfig and RegPaDac (DS §5.4.2, §5.4.3), dBm.</summary>
        public double OutputPowerDbm
        {
            get
            {
                byte pa = _registers[R.PaConfig];
                int output = pa & 0x0F;
                if ((pa & R.PaSelectBoost) != 0)
                {
                    return (_registers[R.PaDac] & 0x07) == 0x07 ? 20 - (15 - output) : 17 - (15 - output);
                }

                double max = 10.8 + (0.6 * ((pa >> 4) & 0x07));
                return max - (15 - output);
            }
        }

        /// <summary>Airtime of a payload with the registers' current settings, µs.</summary>
        public long TimeOnAirMicroseconds(int payloadLength)
        {
            int sf = Math.Clamp(SpreadingFactor, 6, 12);
            int bw = Math.Min((int)Bandwidth, 9);
            int cr = Math.Clamp((_registers[R.ModemConfig1] >> 1) & 0x07, 1, 4);
            int preamble = (_registers[R.PreambleMsb] << 8) | _registers[R.PreambleLsb];
            bool crc = (_registers[R.ModemConfig2] & R.RxPayloadCrcOn) != 0;
            bool implicitHeader = (_registers[R.ModemConfig1] & R.ImplicitHeaderModeOn) != 0;
            bool ldro = (_registers[R.ModemConfig3] & R.LowDataRateOptimize) != 0;
            return LoRaTimeOnAir.Microseconds(sf, (LoRaBandwidth)bw, (LoRaCodingRate)cr, preamble, payloadLength, crc, implicitHeader, ldro);
        }

        /// <inheritdoc />
        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            Transaction(write, writeOffset, read, readOffset, count);
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            Transaction(buffer, offset, null, 0, count);
        }

        /// <inheritdoc />
        public bool IsListening(long channelKey)
        {
            int mode = Mode;
            return LoRa && (mode == R.ModeReceiveContinuous || mode == R.ModeReceiveSingle) && channelKey == ChannelKey();
        }

        /// <inheritdoc />
        public void OnTransmitEnd(AirTransmission transmission)
        {
            if (transmission != _transmitting)
            {
                return;
            }

            _transmitting = null;
            if (StuckTransmitter)
            {
                return;
            }

            SetModeBits(R.ModeStandby);
            RaiseIrq(R.IrqTxDone);
        }

        /// <inheritdoc />
        public void OnReceive(AirTransmission transmission, double rssiDbm, bool corrupted)
        {
            double noise = -174 + (10 * Math.Log10(LoRaTimeOnAir.BandwidthHz(Bandwidth))) + NoiseFigureDb;
            double snr = rssiDbm - noise;
            double floor = -7.5 - (2.5 * (SpreadingFactor - 7));
            if (snr < floor)
            {
                BelowSensitivity++;
                return;
            }

            Deliver(transmission.Bytes, transmission.Bytes.Length, rssiDbm, snr, corrupted);
        }

        /// <summary>
        /// Puts a received packet into the FIFO and raises RxDone as the demodulator would (the air calls
        /// this; tests call it directly to exercise the driver without an air). Allocates nothing.
        /// </summary>
        public void Deliver(byte[] payload, int length, double rssiDbm, double snrDb, bool crcError)
        {
            int mode = Mode;
            if (!LoRa || (mode != R.ModeReceiveContinuous && mode != R.ModeReceiveSingle))
            {
                return;
            }

            int start = _rxWriteAddress;
            for (int i = 0; i < length; i++)
            {
                _fifo[(start + i) & 0xFF] = payload[i];
            }

            if (crcError && length > 0)
            {
                _fifo[start] ^= 0x5A;
            }

            _rxWriteAddress = (start + length) & 0xFF;
            _registers[R.FifoRxCurrentAddr] = (byte)start;
            _registers[R.RxNbBytes] = (byte)length;
            // The demodulator's SNR estimate saturates a little above +10 dB on real chips.
            int snrQuarter = (int)Math.Round(Math.Min(snrDb, MaxReportedSnrDb) * 4);
            _registers[R.PktSnrValue] = (byte)(sbyte)Math.Clamp(snrQuarter, -128, 127);
            int offset = FrequencyHz < 525000000 ? R.RssiOffsetLowFrequency : R.RssiOffsetHighFrequency;
            double raw = snrDb < 0 ? rssiDbm - offset - (snrQuarter / 4.0) : (rssiDbm - offset) * 15 / 16;
            _registers[R.PktRssiValue] = (byte)Math.Clamp((int)Math.Round(raw), 0, 255);
            if (mode == R.ModeReceiveSingle)
            {
                SetModeBits(R.ModeStandby);
            }

            bool tooLong = length > _registers[R.MaxPayloadLength];
            byte flags = (byte)(R.IrqRxDone | R.IrqValidHeader);
            if (crcError || tooLong)
            {
                flags |= R.IrqPayloadCrcError;
            }

            RaiseIrq(flags);
        }

        private long ChannelKey()
        {
            long frf = (_registers[R.FrfMsb] << 16) | (_registers[R.FrfMid] << 8) | _registers[R.FrfLsb];
            long modem = (long)(uint)(_registers[R.ModemConfig1] & 0xF1) | ((long)(uint)(_registers[R.ModemConfig2] & 0xF0) << 8);
            return (1L << 62) | (frf << 24) | (modem << 8) | _registers[R.SyncWord];
        }

        private void PowerOnReset()
        {
            Array.Clear(_registers);
            Array.Clear(_fskPage);
            Array.Clear(_fifo);
            _transmitting = null;
            _registers[R.OpMode] = 0x01;
            _registers[R.FrfMsb] = 0x6C;
            _registers[R.FrfMid] = 0x80;
            _registers[R.PaConfig] = 0x4F;
            _registers[R.Ocp] = R.Ocp100mA;
            _registers[R.Lna] = 0x20;
            _registers[R.FifoTxBaseAddr] = 0x80;
            _registers[R.ModemConfig1] = 0x72;
            _registers[R.ModemConfig2] = 0x70;
            _registers[R.SymbTimeoutLsb] = 0x64;
            _registers[R.PreambleLsb] = 0x08;
            _registers[R.PayloadLength] = 0x01;
            _registers[R.MaxPayloadLength] = 0xFF;
            _registers[R.DetectOptimize] = R.DetectOptimizeSf7To12;
            _registers[R.DetectionThreshold] = R.DetectionThresholdSf7To12;
            _registers[R.SyncWord] = 0x12;
            _registers[R.PaDac] = R.PaDacDefault;
            UpdateDio0();
        }

        private void Transaction(byte[] write, int writeOffset, byte[]? read, int readOffset, int count)
        {
            Transactions++;
            if (count < 1)
            {
                return;
            }

            bool isWrite = (write[writeOffset] & R.WriteBit) != 0;
            int address = write[writeOffset] & R.AddressMask;
            if (read != null)
            {
                read[readOffset] = 0;
            }

            for (int i = 1; i < count; i++)
            {
                if (isWrite)
                {
                    WriteByte(address, write[writeOffset + i]);
                }
                else if (read != null)
                {
                    read[readOffset + i] = ReadByte(address);
                }

                if (address != R.Fifo)
                {
                    address = (address + 1) & R.AddressMask;
                }
            }
        }

        private bool FskPage(int address)
        {
            return !LoRa && address >= 0x0D && address <= 0x3F;
        }

        private byte ReadByte(int address)
        {
            if (address == R.Fifo)
            {
                if (Mode == R.ModeSleep)
                {
                    return 0;
                }

                byte value = _fifo[_registers[R.FifoAddrPtr]];
                _registers[R.FifoAddrPtr]++;
                return value;
            }

            if (address == R.Version)
            {
                return Version;
            }

            return FskPage(address) ? _fskPage[address] : _registers[address];
        }

        private void WriteByte(int address, byte value)
        {
            switch (address)
            {
                case R.Fifo:
                    if (Mode != R.ModeSleep)
                    {
                        _fifo[_registers[R.FifoAddrPtr]] = value;
                        _registers[R.FifoAddrPtr]++;
                    }

                    return;
                case R.OpMode:
                    WriteOpMode(value);
                    return;
                case R.Version:
                case R.FifoRxCurrentAddr:
                case R.RxNbBytes:
                case R.PktSnrValue:
                case R.PktRssiValue:
                    return;
                case R.IrqFlags:
                    if (LoRa)
                    {
                        _registers[R.IrqFlags] &= (byte)~value;
                        UpdateDio0();
                    }

                    return;
            }

            if (FskPage(address))
            {
                _fskPage[address] = value;
                return;
            }

            _registers[address] = value;
            if (address == R.DioMapping1 || address == R.IrqFlagsMask)
            {
                UpdateDio0();
            }
        }

        private void WriteOpMode(byte value)
        {
            byte old = _registers[R.OpMode];
            // DS §6.2: LongRangeMode is writable only in sleep.
            if ((old & R.ModeMask) != R.ModeSleep)
            {
                value = (byte)((value & ~R.LongRangeMode) | (old & R.LongRangeMode));
            }

            _registers[R.OpMode] = value;
            int mode = value & R.ModeMask;
            int oldMode = old & R.ModeMask;
            if (mode == oldMode)
            {
                return;
            }

            if (mode == R.ModeSleep)
            {
                // DS §4.1.2.3: the FIFO is cleared in sleep.
                Array.Clear(_fifo);
            }

            if ((mode == R.ModeReceiveContinuous || mode == R.ModeReceiveSingle) && LoRa)
            {
                _rxWriteAddress = _registers[R.FifoRxBaseAddr];
            }

            if (mode == R.ModeTransmit && LoRa)
            {
                StartTransmit();
            }
        }

        /// <summary>Ends a transmission of a <see cref="Detached"/> chip (TxDone, back to standby).</summary>
        public void CompleteTransmit()
        {
            if (Mode == R.ModeTransmit && !StuckTransmitter)
            {
                SetModeBits(R.ModeStandby);
                RaiseIrq(R.IrqTxDone);
            }
        }

        private void StartTransmit()
        {
            PacketsTransmitted++;
            if (Detached)
            {
                return;
            }

            int length = _registers[R.PayloadLength];
            var bytes = new byte[length];
            int start = _registers[R.FifoTxBaseAddr];
            for (int i = 0; i < length; i++)
            {
                bytes[i] = _fifo[(start + i) & 0xFF];
            }

            _transmitting = _air.Transmit(this, ChannelKey(), FrequencyHz, OutputPowerDbm, bytes, TimeOnAirMicroseconds(length));
        }

        private void SetModeBits(int mode)
        {
            _registers[R.OpMode] = (byte)((_registers[R.OpMode] & ~R.ModeMask) | mode);
        }

        private void RaiseIrq(byte flags)
        {
            _registers[R.IrqFlags] |= flags;
            UpdateDio0();
        }

        private void UpdateDio0()
        {
            byte active = (byte)(_registers[R.IrqFlags] & ~_registers[R.IrqFlagsMask]);
            int mapping = _registers[R.DioMapping1] >> 6;
            byte source = mapping == 0 ? R.IrqRxDone : mapping == 1 ? R.IrqTxDone : mapping == 2 ? (byte)0x04 : (byte)0;
            Dio0.Drive((active & source) != 0);
        }
    }
}

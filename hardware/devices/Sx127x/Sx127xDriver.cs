using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>
    /// Register-level driver for an SX1276/77/78 in LoRa mode over the portable HAL.
    /// </summary>
    /// <remarks>
    /// State machine (docs/hardware.md §2.1): <c>Probe</c> (reset pulse, RegVersion) →
    /// <c>Configure</c> (sleep, LoRa bit, every modem register, standby) → <c>StartReceive</c>
    /// (RX continuous, DIO0 = RxDone) ⇄ <c>Send</c> (standby, FIFO from the TX base, DIO0 = TxDone, TX;
    /// the chip falls back to standby by itself and <c>Service</c> re-enters receive). <c>Service</c>
    /// runs after DIO0 rises (or on a poll tick): it reads RegIrqFlags, copies a good packet out of the
    /// FIFO into the driver's own buffer, drops CRC errors, and clears the flags. A transmission whose
    /// TxDone never comes is abandoned after twice its airtime plus a margin and counted. Every buffer
    /// is allocated in the constructor; nothing is allocated per packet. Single-threaded by contract.
    /// </remarks>
    public sealed class Sx127xDriver : IPacketRadio
    {
        /// <summary>Largest LoRa payload (RegPayloadLength is one byte).</summary>
        public const int MaxPayload = 255;

        /// <summary>Reads of RegOpMode before a mode change counts as timed out.</summary>
        private const int ModePolls = 8;

        /// <summary>Margin added to twice the airtime before a missing TxDone counts as a timeout, µs.</summary>
        private const long TransmitTimeoutMarginMicroseconds = 50000;

        private readonly ISpiDevice _spi;
        private readonly IGpioPin? _reset;
        private readonly IHardwareClock _clock;
        private readonly byte[] _register = new byte[2];
        private readonly byte[] _burst = new byte[MaxPayload + 1];
        private readonly byte[] _received = new byte[MaxPayload];
        private LoRaSettings? _settings;
        private int _receivedLength;
        private long _transmitDeadline;
        private bool _receiving;

        /// <summary>Creates a driver; <paramref name="reset"/> may be null when the board ties NRESET high.</summary>
        public Sx127xDriver(ISpiDevice spi, IGpioPin? reset, IHardwareClock clock)
        {
            _spi = spi;
            _reset = reset;
            _clock = clock;
        }

        /// <summary>RegVersion as read by the last <see cref="Probe"/>.</summary>
        public byte ChipVersion { get; private set; }

        /// <summary>What happened so far.</summary>
        public Sx127xCounters Counters { get; } = new Sx127xCounters();

        /// <summary>The settings of the last successful <see cref="Configure"/>, or null.</summary>
        public LoRaSettings? Settings
        {
            get { return _settings; }
        }

        /// <inheritdoc />
        public int MaxPacketLength
        {
            get { return MaxPayload; }
        }

        /// <inheritdoc />
        public bool IsTransmitting { get; private set; }

        /// <inheritdoc />
        public int LastRssiDbm { get; private set; }

        /// <inheritdoc />
        public int LastSnrQuarterDb { get; private set; }

        /// <summary>
        /// Pulses NRESET (if wired) and reads RegVersion. True when the chip is an SX1276/77/78;
        /// otherwise <see cref="Sx127xVersion.Describe"/> of <see cref="ChipVersion"/> says what answered.
        /// </summary>
        public bool Probe()
        {
            if (_reset != null)
            {
                // DS §7.2.2: hold NRESET low for at least 100 µs, then wait 5 ms before using the chip.
                _reset.SetMode(PinMode.Output);
                _reset.Write(false);
                _clock.Delay(100);
                _reset.Write(true);
                _clock.Delay(5000);
            }

            ChipVersion = ReadRegister(Sx127xRegisters.Version);
            return Sx127xVersion.IsSupported(ChipVersion);
        }

        /// <summary>
        /// Writes every modem register for <paramref name="settings"/> and leaves the chip in standby.
        /// Returns <see cref="RadioResult.NotReady"/> if the settings are invalid or the chip was not
        /// probed successfully, <see cref="RadioResult.Timeout"/> if it refused to enter LoRa sleep.
        /// </summary>
        public RadioResult Configure(LoRaSettings settings)
        {
            if (!Sx127xVersion.IsSupported(ChipVersion) || settings.Validate() != LoRaSettingsError.None)
            {
                return RadioResult.NotReady;
            }

            IsTransmitting = false;
            _receiving = false;
            bool lowFrequency = settings.FrequencyHz < 525000000;
            byte bank = lowFrequency ? Sx127xRegisters.LowFrequencyModeOn : (byte)0;

            // DS §6.2: LongRangeMode can only change in sleep; enter FSK sleep first, then set the bit.
            WriteRegister(Sx127xRegisters.OpMode, (byte)(bank | Sx127xRegisters.ModeSleep));
            if (!SetMode(Sx127xRegisters.ModeSleep, bank))
            {
                return RadioResult.Timeout;
            }

            long frf = (settings.FrequencyHz << 19) / Sx127xRegisters.CrystalHz;
            WriteRegister(Sx127xRegisters.FrfMsb, (byte)(frf >> 16));
            WriteRegister(Sx127xRegisters.FrfMid, (byte)(frf >> 8));
            WriteRegister(Sx127xRegisters.FrfLsb, (byte)frf);

            WritePower(settings);
            WriteRegister(Sx127xRegisters.Lna, Sx127xRegisters.LnaMaxGainBoost);

            // The whole FIFO serves each direction in turn (half duplex), so both regions start at 0.
            WriteRegister(Sx127xRegisters.FifoTxBaseAddr, 0);
            WriteRegister(Sx127xRegisters.FifoRxBaseAddr, 0);

            WriteRegister(
                Sx127xRegisters.ModemConfig1,
                (byte)(((int)settings.Bandwidth << 4) | ((int)settings.CodingRate << 1) | (settings.ImplicitHeader ? Sx127xRegisters.ImplicitHeaderModeOn : 0)));
            WriteRegister(
                Sx127xRegisters.ModemConfig2,
                (byte)((settings.SpreadingFactor << 4) | (settings.CrcOn ? Sx127xRegisters.RxPayloadCrcOn : 0)));
            WriteRegister(
                Sx127xRegisters.ModemConfig3,
                (byte)(Sx127xRegisters.AgcAutoOn | (settings.EffectiveLowDataRateOptimize ? Sx127xRegisters.LowDataRateOptimize : 0)));
            WriteRegister(Sx127xRegisters.PreambleMsb, (byte)(settings.PreambleLength >> 8));
            WriteRegister(Sx127xRegisters.PreambleLsb, (byte)settings.PreambleLength);
            WriteRegister(Sx127xRegisters.MaxPayloadLength, MaxPayload);
            WriteRegister(Sx127xRegisters.SyncWord, settings.SyncWord);
            bool sf6 = settings.SpreadingFactor == 6;
            WriteRegister(Sx127xRegisters.DetectOptimize, sf6 ? Sx127xRegisters.DetectOptimizeSf6 : Sx127xRegisters.DetectOptimizeSf7To12);
            WriteRegister(Sx127xRegisters.DetectionThreshold, sf6 ? Sx127xRegisters.DetectionThresholdSf6 : Sx127xRegisters.DetectionThresholdSf7To12);
            WriteRegister(Sx127xRegisters.IrqFlagsMask, 0);
            WriteRegister(Sx127xRegisters.IrqFlags, Sx127xRegisters.IrqAll);

            if (!SetMode(Sx127xRegisters.ModeStandby, bank))
            {
                return RadioResult.Timeout;
            }

            _settings = settings;
            return RadioResult.Ok;
        }

        /// <summary>Puts the chip to sleep (lowest current; the FIFO is lost).</summary>
        public RadioResult Sleep()
        {
            if (_settings == null)
            {
                return RadioResult.NotReady;
            }

            IsTransmitting = false;
            _receiving = false;
            return SetMode(Sx127xRegisters.ModeSleep, Bank()) ? RadioResult.Ok : RadioResult.Timeout;
        }

        /// <inheritdoc />
        public RadioResult StartReceive()
        {
            if (_settings == null)
            {
                return RadioResult.NotReady;
            }

            if (IsTransmitting)
            {
                return RadioResult.Busy;
            }

            WriteRegister(Sx127xRegisters.DioMapping1, Sx127xRegisters.Dio0RxDone);
            WriteRegister(Sx127xRegisters.FifoAddrPtr, 0);
            if (!SetMode(Sx127xRegisters.ModeReceiveContinuous, Bank()))
            {
                return RadioResult.Timeout;
            }

            _receiving = true;
            return RadioResult.Ok;
        }

        /// <inheritdoc />
        public RadioResult Send(byte[] buffer, int offset, int count)
        {
            if (_settings == null)
            {
                return RadioResult.NotReady;
            }

            if (count < 1 || count > MaxPayload)
            {
                return RadioResult.InvalidLength;
            }

            if (IsTransmitting)
            {
                Counters.BusyRejections++;
                return RadioResult.Busy;
            }

            byte bank = Bank();
            if (!SetMode(Sx127xRegisters.ModeStandby, bank))
            {
                return RadioResult.Timeout;
            }

            WriteRegister(Sx127xRegisters.FifoAddrPtr, 0);
            _burst[0] = Sx127xRegisters.WriteBit | Sx127xRegisters.Fifo;
            System.Array.Copy(buffer, offset, _burst, 1, count);
            _spi.Write(_burst, 0, count + 1);
            WriteRegister(Sx127xRegisters.PayloadLength, (byte)count);
            WriteRegister(Sx127xRegisters.DioMapping1, Sx127xRegisters.Dio0TxDone);
            WriteRegister(Sx127xRegisters.IrqFlags, Sx127xRegisters.IrqAll);
            WriteRegister(Sx127xRegisters.OpMode, (byte)(Sx127xRegisters.LongRangeMode | bank | Sx127xRegisters.ModeTransmit));
            IsTransmitting = true;
            _transmitDeadline = _clock.NowMicroseconds + (2 * _settings.TimeOnAirMicroseconds(count)) + TransmitTimeoutMarginMicroseconds;
            return RadioResult.Ok;
        }

        /// <inheritdoc />
        public RadioEvent Service()
        {
            if (_settings == null)
            {
                return RadioEvent.None;
            }

            byte flags = ReadRegister(Sx127xRegisters.IrqFlags);
            if (IsTransmitting)
            {
                if ((flags & Sx127xRegisters.IrqTxDone) != 0)
                {
                    WriteRegister(Sx127xRegisters.IrqFlags, Sx127xRegisters.IrqAll);
                    IsTransmitting = false;
                    Counters.PacketsSent++;
                    ResumeReceive();
                    return RadioEvent.TransmitDone;
                }

                if (_clock.NowMicroseconds > _transmitDeadline)
                {
                    Counters.TransmitTimeouts++;
                    IsTransmitting = false;
                    SetMode(Sx127xRegisters.ModeStandby, Bank());
                    WriteRegister(Sx127xRegisters.IrqFlags, Sx127xRegisters.IrqAll);
                    ResumeReceive();
                    return RadioEvent.TransmitFailed;
                }

                return RadioEvent.None;
            }

            if ((flags & Sx127xRegisters.IrqRxDone) == 0)
            {
                return RadioEvent.None;
            }

            if ((flags & Sx127xRegisters.IrqPayloadCrcError) != 0)
            {
                WriteRegister(Sx127xRegisters.IrqFlags, Sx127xRegisters.IrqAll);
                Counters.CrcErrors++;
                return RadioEvent.CrcError;
            }

            int length = ReadRegister(Sx127xRegisters.RxNbBytes);
            byte start = ReadRegister(Sx127xRegisters.FifoRxCurrentAddr);
            int snr = (sbyte)ReadRegister(Sx127xRegisters.PktSnrValue);
            int rawRssi = ReadRegister(Sx127xRegisters.PktRssiValue);
            if (length == 0)
            {
                WriteRegister(Sx127xRegisters.IrqFlags, Sx127xRegisters.IrqAll);
                Counters.LengthErrors++;
                return RadioEvent.None;
            }

            WriteRegister(Sx127xRegisters.FifoAddrPtr, start);
            _burst[0] = Sx127xRegisters.Fifo;
            _spi.TransferFullDuplex(_burst, 0, _burst, 0, length + 1);
            WriteRegister(Sx127xRegisters.IrqFlags, Sx127xRegisters.IrqAll);
            if (_receivedLength > 0)
            {
                Counters.Overruns++;
            }

            System.Array.Copy(_burst, 1, _received, 0, length);
            _receivedLength = length;
            LastSnrQuarterDb = snr;
            LastRssiDbm = PacketRssi(rawRssi, snr);
            Counters.PacketsReceived++;
            return RadioEvent.PacketReceived;
        }

        /// <inheritdoc />
        public int ReadPacket(byte[] buffer, int offset, int count)
        {
            int length = _receivedLength;
            if (length == 0)
            {
                return 0;
            }

            _receivedLength = 0;
            if (length > count)
            {
                Counters.LengthErrors++;
                return -1;
            }

            System.Array.Copy(_received, 0, buffer, offset, length);
            return length;
        }

        /// <inheritdoc />
        public long TimeOnAirMicroseconds(int payloadLength)
        {
            return _settings == null ? 0 : _settings.TimeOnAirMicroseconds(payloadLength);
        }

        /// <summary>Reads one register (diagnostics and tests).</summary>
        public byte ReadRegister(byte address)
        {
            _register[0] = (byte)(address & Sx127xRegisters.AddressMask);
            _register[1] = 0;
            _spi.TransferFullDuplex(_register, 0, _register, 0, 2);
            return _register[1];
        }

        private void WriteRegister(byte address, byte value)
        {
            _register[0] = (byte)(address | Sx127xRegisters.WriteBit);
            _register[1] = value;
            _spi.Write(_register, 0, 2);
        }

        /// <summary>Writes the mode and confirms it by reading RegOpMode back a bounded number of times.</summary>
        private bool SetMode(byte mode, byte bank)
        {
            byte wanted = (byte)(Sx127xRegisters.LongRangeMode | bank | mode);
            WriteRegister(Sx127xRegisters.OpMode, wanted);
            for (int i = 0; i < ModePolls; i++)
            {
                if (ReadRegister(Sx127xRegisters.OpMode) == wanted)
                {
                    return true;
                }

                _clock.Delay(10);
            }

            Counters.ModeTimeouts++;
            return false;
        }

        private void ResumeReceive()
        {
            if (_receiving)
            {
                StartReceive();
            }
        }

        private byte Bank()
        {
            return _settings != null && _settings.FrequencyHz < 525000000 ? Sx127xRegisters.LowFrequencyModeOn : (byte)0;
        }

        /// <summary>DS §5.5.5: packet RSSI from RegPktRssiValue, corrected by the SNR below the noise floor.</summary>
        private int PacketRssi(int raw, int snrQuarterDb)
        {
            int offset = Bank() != 0 ? Sx127xRegisters.RssiOffsetLowFrequency : Sx127xRegisters.RssiOffsetHighFrequency;
            return snrQuarterDb < 0 ? offset + raw + (snrQuarterDb / 4) : offset + (raw * 16 / 15);
        }

        /// <summary>DS §5.4.2/§5.4.3: PaConfig, PaDac and the over-current trim for the requested power.</summary>
        private void WritePower(LoRaSettings settings)
        {
            int dbm = settings.OutputPowerDbm;
            if (!settings.UsePaBoost)
            {
                // RFO: Pout = Pmax − (15 − OutputPower) with Pmax 15 dBm; below 0 dBm use a lower Pmax (10.8 dBm, MaxPower 0).
                WriteRegister(Sx127xRegisters.PaDac, Sx127xRegisters.PaDacDefault);
                WriteRegister(Sx127xRegisters.Ocp, Sx127xRegisters.Ocp100mA);
                WriteRegister(
                    Sx127xRegisters.PaConfig,
                    dbm >= 0 ? (byte)(Sx127xRegisters.PaMaxPowerRfo | dbm) : (byte)(dbm + 4));
                return;
            }

            if (dbm > 17)
            {
                // +20 dBm mode: Pout = 20 − (15 − OutputPower); needs the high-power DAC and 140 mA OCP.
                WriteRegister(Sx127xRegisters.PaDac, Sx127xRegisters.PaDacHighPower);
                WriteRegister(Sx127xRegisters.Ocp, Sx127xRegisters.Ocp140mA);
                WriteRegister(Sx127xRegisters.PaConfig, (byte)(Sx127xRegisters.PaSelectBoost | Sx127xRegisters.PaMaxPowerRfo | (dbm - 5)));
                return;
            }

            // PA_BOOST: Pout = 17 − (15 − OutputPower), 2..17 dBm.
            WriteRegister(Sx127xRegisters.PaDac, Sx127xRegisters.PaDacDefault);
            WriteRegister(Sx127xRegisters.Ocp, Sx127xRegisters.Ocp100mA);
            WriteRegister(Sx127xRegisters.PaConfig, (byte)(Sx127xRegisters.PaSelectBoost | Sx127xRegisters.PaMaxPowerRfo | (dbm - 2)));
        }
    }
}

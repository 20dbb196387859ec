using EdgeMesh.Hardware.Radio;
using R = EdgeMesh.Hardware.Nrf24l01.Nrf24l01Registers;

namespace EdgeMesh.Hardware.Nrf24l01
{
    /// <summary>
    /// Register-level driver for the nRF24L01+ in Enhanced ShockBurst mode over the portable HAL.
    /// </summary>
    /// <remarks>
    /// State machine (docs/hardware.md §2.2; PS = nRF24L01+ Product Specification v1.0):
    /// <c>Probe</c> (SETUP_AW write/read-back: the chip has no version register) → <c>Configure</c>
    /// (power up, wait Tpd2stby, every register, flush both FIFOs; standby-I) → <c>StartReceive</c>
    /// (PRIM_RX, CE high: RX after 130 µs) ⇄ <c>Send</c> (CE low, PRIM_RX off, W_TX_PAYLOAD, a CE pulse
    /// of 15 µs: the chip sends, waits for the acknowledgement and retransmits up to ARC times, ARD
    /// apart). <c>Service</c> runs after IRQ falls (active low) or on a poll tick: TX_DS ends the
    /// transmission; MAX_RT flushes the TX FIFO (the payload would otherwise block it) and reports
    /// failure; a non-empty RX FIFO (STATUS RX_P_NO) yields one packet per call, with R_RX_PL_WID
    /// above 32 treated as corruption (flush). A transmission that reports neither within its
    /// worst-case retry time is abandoned and counted. Buffers are allocated in the constructor;
    /// nothing per packet. Single-threaded by contract.
    /// </remarks>
    public sealed class Nrf24l01Driver : IPacketRadio
    {
        /// <summary>Largest payload (PS §7.3.4).</summary>
        public const int MaxPayload = R.MaxPayload;

        /// <summary>Margin on top of the worst-case retry time before a transmission counts as lost, µs.</summary>
        private const long TransmitTimeoutMarginMicroseconds = 10000;

        private readonly ISpiDevice _spi;
        private readonly IGpioPin _ce;
        private readonly IHardwareClock _clock;
        private readonly byte[] _command = new byte[MaxPayload + 1];
        private readonly byte[] _received = new byte[MaxPayload];
        private Nrf24Settings? _settings;
        private byte _config;
        private int _receivedLength;
        private long _transmitDeadline;
        private bool _receiving;

        /// <summary>Creates a driver for the chip on <paramref name="spi"/> with its CE line.</summary>
        public Nrf24l01Driver(ISpiDevice spi, IGpioPin ce, IHardwareClock clock)
        {
            _spi = spi;
            _ce = ce;
            _clock = clock;
        }

        /// <summary>What happened so far.</summary>
        public Nrf24Counters Counters { get; } = new Nrf24Counters();

        /// <summary>Settings of the last successful <see cref="Configure"/>, or null.</summary>
        public Nrf24Settings? Settings
        {
            get { return _settings; }
        }

        /// <inheritdoc />
        public int MaxPacketLength
        {
            get { return _settings != null && !_settings.DynamicPayload ? _settings.StaticPayloadWidth : MaxPayload; }
        }

        /// <inheritdoc />
        public bool IsTransmitting { get; private set; }

        /// <summary>Pipe (0..5) of the last packet received.</summary>
        public int LastPipe { get; private set; }

        /// <summary>
        /// The nRF24L01+ measures no RSSI, only whether the carrier was above −64 dBm (RPD, PS §6.4):
        /// −64 when it was, otherwise −82 (the 2 Mbps sensitivity, a lower bound of what decoded).
        /// </summary>
        public int LastRssiDbm { get; private set; }

        /// <inheritdoc />
        public int LastSnrQuarterDb
        {
            get { return 0; }
        }

        /// <summary>
        /// Checks that a chip answers: STATUS must not read 0x00/0xFF and SETUP_AW must hold what is
        /// written to it (the register has no fixed identity value on this chip).
        /// </summary>
        public bool Probe()
        {
            _ce.SetMode(PinMode.Output);
            _ce.Write(false);
            byte status = Command(R.Nop);
            if (status == 0x00 || status == 0xFF)
            {
                return false;
            }

            WriteRegister(R.SetupAddressWidth, 0x01);
            bool first = ReadRegister(R.SetupAddressWidth) == 0x01;
            WriteRegister(R.SetupAddressWidth, 0x03);
            return first && ReadRegister(R.SetupAddressWidth) == 0x03;
        }

        /// <summary>Writes every register for <paramref name="settings"/>; the chip ends in standby-I.</summary>
        public RadioResult Configure(Nrf24Settings settings)
        {
            if (!settings.IsValid())
            {
                return RadioResult.NotReady;
            }

            _ce.SetMode(PinMode.Output);
            _ce.Write(false);
            IsTransmitting = false;
            _receiving = false;

            _config = (byte)(R.EnableCrc | (settings.CrcBytes == 2 ? R.CrcTwoBytes : 0) | R.PowerUp);
            WriteRegister(R.Config, _config);
            _clock.Delay(R.PowerUpMicroseconds);

            int aw = settings.AddressWidth;
            WriteRegister(R.SetupAddressWidth, (byte)(aw - 2));
            WriteRegister(R.SetupRetransmit, (byte)((((settings.RetransmitDelayMicroseconds / 250) - 1) << 4) | settings.RetransmitCount));
            WriteRegister(R.RfChannel, (byte)settings.Channel);
            byte rate = settings.DataRate == Nrf24DataRate.Rate2Mbps ? R.DataRateHigh
                : settings.DataRate == Nrf24DataRate.Rate250kbps ? R.DataRateLow : (byte)0;
            WriteRegister(R.RfSetup, (byte)(rate | ((int)settings.OutputPower << 1)));
            WriteAddress(R.TxAddress, settings.TransmitAddress, aw);
            WriteAddress(R.RxAddressPipe0, settings.TransmitAddress, aw);
            WriteAddress(R.RxAddressPipe1, settings.Pipe1Address, aw);
            for (int pipe = 2; pipe <= 5; pipe++)
            {
                WriteRegister((byte)(R.RxAddressPipe2 + pipe - 2), settings.PipeSuffixes[pipe - 2]);
            }

            int pipes = settings.EnabledPipes | 0x01;
            WriteRegister(R.EnableRxAddress, (byte)pipes);
            WriteRegister(R.EnableAutoAck, settings.AutoAck ? (byte)pipes : (byte)0);
            WriteRegister(R.Feature, settings.DynamicPayload ? (byte)(R.FeatureDynamicPayload | R.FeatureDynamicAck) : R.FeatureDynamicAck);
            WriteRegister(R.DynamicPayload, settings.DynamicPayload ? (byte)pipes : (byte)0);
            for (int pipe = 0; pipe <= 5; pipe++)
            {
                WriteRegister((byte)(R.RxPayloadWidthPipe0 + pipe), settings.DynamicPayload ? (byte)0 : (byte)settings.StaticPayloadWidth);
            }

            Command(R.FlushTx);
            Command(R.FlushRx);
            WriteRegister(R.Status, R.StatusFlags);

            // A chip that did not keep the channel is not wired (or not powered): report it.
            if (ReadRegister(R.RfChannel) != settings.Channel || ReadRegister(R.SetupAddressWidth) != aw - 2)
            {
                return RadioResult.NotReady;
            }

            _settings = settings;
            _receivedLength = 0;
            return RadioResult.Ok;
        }

        /// <summary>Powers the chip down (CE low, PWR_UP off).</summary>
        public RadioResult PowerDown()
        {
            if (_settings == null)
            {
                return RadioResult.NotReady;
            }

            _ce.Write(false);
            IsTransmitting = false;
            _receiving = false;
            WriteRegister(R.Config, (byte)(_config & ~R.PowerUp));
            return RadioResult.Ok;
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

            _ce.Write(false);
            WriteRegister(R.Config, (byte)(_config | R.PrimaryRx));
            _ce.Write(true);
            _clock.Delay(R.SettlingMicroseconds);
            _receiving = true;
            return RadioResult.Ok;
        }

        /// <inheritdoc />
        public RadioResult Send(byte[] buffer, int offset, int count)
        {
            return Transmit(buffer, offset, count, true);
        }

        /// <summary>
        /// Sends without asking for an acknowledgement (W_TX_PAYLOAD_NOACK): for broadcasts, where
        /// several receivers acknowledging at once would collide.
        /// </summary>
        public RadioResult SendNoAck(byte[] buffer, int offset, int count)
        {
            return Transmit(buffer, offset, count, false);
        }

        /// <inheritdoc />
        public RadioEvent Service()
        {
            if (_settings == null)
            {
                return RadioEvent.None;
            }

            byte status = Command(R.Nop);
            if (IsTransmitting)
            {
                if ((status & R.TxDataSent) != 0)
                {
                    Counters.Retransmissions += ReadRegister(R.ObserveTx) & 0x0F;
                    WriteRegister(R.Status, R.TxDataSent);
                    IsTransmitting = false;
                    Counters.PacketsSent++;
                    ResumeReceive();
                    return RadioEvent.TransmitDone;
                }

                if ((status & R.MaxRetransmits) != 0)
                {
                    // PS §7.4.2: with MAX_RT set the chip sends nothing; the payload stays in the TX FIFO.
                    Counters.Retransmissions += ReadRegister(R.ObserveTx) & 0x0F;
                    Command(R.FlushTx);
                    WriteRegister(R.Status, R.MaxRetransmits);
                    IsTransmitting = false;
                    Counters.MaxRetransmits++;
                    ResumeReceive();
                    return RadioEvent.TransmitFailed;
                }

                if (_clock.NowMicroseconds > _transmitDeadline)
                {
                    _ce.Write(false);
                    Command(R.FlushTx);
                    WriteRegister(R.Status, R.StatusFlags);
                    IsTransmitting = false;
                    Counters.TransmitTimeouts++;
                    ResumeReceive();
                    return RadioEvent.TransmitFailed;
                }
            }

            int pipe = (status & R.RxPipeMask) >> 1;
            if (pipe == R.RxPipeEmpty)
            {
                if ((status & R.RxDataReady) != 0)
                {
                    WriteRegister(R.Status, R.RxDataReady);
                }

                return RadioEvent.None;
            }

            if ((ReadRegister(R.FifoStatus) & R.FifoRxFull) != 0)
            {
                Counters.RxFifoFull++;
            }

            int width = _settings.DynamicPayload ? ReadRegisterCommand(R.ReadRxPayloadWidth) : _settings.StaticPayloadWidth;
            if (width < 1 || width > MaxPayload)
            {
                // PS §7.3.4 / R_RX_PL_WID note: a width above 32 means a corrupt packet; flush the RX FIFO.
                Command(R.FlushRx);
                WriteRegister(R.Status, R.RxDataReady);
                Counters.CorruptWidths++;
                return RadioEvent.CrcError;
            }

            _command[0] = R.ReadRxPayload;
            for (int i = 1; i <= width; i++)
            {
                _command[i] = R.Nop;
            }

            _spi.TransferFullDuplex(_command, 0, _command, 0, width + 1);
            if (_receivedLength > 0)
            {
                Counters.Overruns++;
            }

            // Copy before the next command reuses the buffer.
            System.Array.Copy(_command, 1, _received, 0, width);
            WriteRegister(R.Status, R.RxDataReady);
            _receivedLength = width;
            LastPipe = pipe;
            LastRssiDbm = (ReadRegister(R.ReceivedPowerDetector) & 0x01) != 0 ? -64 : -82;
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

        /// <summary>Reads one single-byte register (diagnostics and tests).</summary>
        public byte ReadRegister(byte register)
        {
            _command[0] = (byte)(R.ReadRegister | (register & R.RegisterMask));
            _command[1] = R.Nop;
            _spi.TransferFullDuplex(_command, 0, _command, 0, 2);
            return _command[1];
        }

        private RadioResult Transmit(byte[] buffer, int offset, int count, bool ack)
        {
            if (_settings == null)
            {
                return RadioResult.NotReady;
            }

            if (count < 1 || count > MaxPacketLength || (!_settings.DynamicPayload && count != _settings.StaticPayloadWidth))
            {
                return RadioResult.InvalidLength;
            }

            if (IsTransmitting)
            {
                Counters.BusyRejections++;
                return RadioResult.Busy;
            }

            _ce.Write(false);
            WriteRegister(R.Config, _config);
            if ((ReadRegister(R.FifoStatus) & R.FifoTxFull) != 0)
            {
                return RadioResult.FifoFull;
            }

            WriteRegister(R.Status, R.StatusFlags);
            _command[0] = ack ? R.WriteTxPayload : R.WriteTxPayloadNoAck;
            System.Array.Copy(buffer, offset, _command, 1, count);
            _spi.Write(_command, 0, count + 1);
            _ce.Write(true);
            _clock.Delay(R.TransmitPulseMicroseconds);
            _ce.Write(false);
            IsTransmitting = true;
            long attempt = _settings.TimeOnAirMicroseconds(count) + R.SettlingMicroseconds + _settings.RetransmitDelayMicroseconds;
            _transmitDeadline = _clock.NowMicroseconds + ((_settings.RetransmitCount + 1) * attempt) + TransmitTimeoutMarginMicroseconds;
            return RadioResult.Ok;
        }

        private void ResumeReceive()
        {
            if (_receiving)
            {
                StartReceive();
            }
        }

        private byte Command(byte command)
        {
            _command[0] = command;
            _spi.TransferFullDuplex(_command, 0, _command, 0, 1);
            return _command[0];
        }

        private byte ReadRegisterCommand(byte command)
        {
            _command[0] = command;
            _command[1] = R.Nop;
            _spi.TransferFullDuplex(_command, 0, _command, 0, 2);
            return _command[1];
        }

        private void WriteRegister(byte register, byte value)
        {
            _command[0] = (byte)(R.WriteRegister | register);
            _command[1] = value;
            _spi.Write(_command, 0, 2);
        }

        /// <summary>Multi-byte address registers go LSByte first (PS §8.3.1).</summary>
        private void WriteAddress(byte register, byte[] address, int width)
        {
            _command[0] = (byte)(R.WriteRegister | register);
            System.Array.Copy(address, 0, _command, 1, width);
            _spi.Write(_command, 0, width + 1);
        }
    }
}

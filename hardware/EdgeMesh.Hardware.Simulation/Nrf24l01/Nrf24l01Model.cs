using System;
using EdgeMesh.Hardware.Simulation.Air;
using R = EdgeMesh.Hardware.Nrf24l01.Nrf24l01Registers;

namespace EdgeMesh.Hardware.Simulation.Nrf24l01
{
    /// <summary>
    /// Register-level model of an nRF24L01+ in Enhanced ShockBurst mode, seen through its SPI port,
    /// CE input and active-low IRQ output.
    /// </summary>
    /// <remarks>
    /// Modelled (PS = nRF24L01+ Product Specification v1.0): the command byte with STATUS clocked out
    /// on the first byte of every transaction; R/W_REGISTER with LSByte-first multi-byte addresses;
    /// three-deep TX and RX FIFOs (FIFO_STATUS, STATUS TX_FULL and RX_P_NO); R_RX_PAYLOAD,
    /// R_RX_PL_WID, W_TX_PAYLOAD(_NOACK), FLUSH_TX/RX; CE-driven standby/RX/TX with 130 µs settling;
    /// auto-acknowledge: the receiver answers on the address it heard, the sender waits ARD for it,
    /// retransmits up to ARC times with the same PID and then raises MAX_RT (payload kept, no further
    /// transmission until MAX_RT is cleared); duplicate suppression by PID and payload; pipe addresses
    /// (pipes 2..5 share pipe 1's upper bytes); static or dynamic widths; RPD; the IRQ pin low while an
    /// unmasked flag is set; sensitivity per data rate. Not modelled: ACK payloads, REUSE_TX_PL,
    /// continuous-wave test mode, the 4 ms maximum in TX mode.
    /// </remarks>
    public sealed class Nrf24l01Model : ISpiDevice, IAirTransceiver
    {
        private const byte FrameData = 0;
        private const byte FrameAck = 1;
        private const int HeaderLength = 4 + 5;

        private readonly SimulatedAir _air;
        private readonly byte[] _registers = new byte[0x20];
        private readonly byte[][] _pipeAddress = new byte[2][];
        private readonly byte[] _txAddress = new byte[5];
        private readonly byte[][] _txFifo = new byte[R.FifoDepth][];
        private readonly int[] _txLength = new int[R.FifoDepth];
        private readonly bool[] _txNoAck = new bool[R.FifoDepth];
        private readonly byte[][] _rxFifo = new byte[R.FifoDepth][];
        private readonly int[] _rxLength = new int[R.FifoDepth];
        private readonly int[] _rxPipe = new int[R.FifoDepth];
        private readonly byte[] _lastPid = new byte[6];
        private readonly int[] _lastPayloadHash = new int[6];
        private int _txCount;
        private int _rxCount;
        private byte _status;
        private byte _pid;
        private State _state;
        private int _attempt;
        private long _generation;
        private bool _ce;
        private long _settleGeneration;
        private readonly Action _rxSettled;

        /// <summary>Creates a chip at (x, y) metres on <paramref name="air"/>, in its reset state.</summary>
        public Nrf24l01Model(SimulatedAir air, double x, double y)
        {
            _air = air;
            X = x;
            Y = y;
            for (int i = 0; i < R.FifoDepth; i++)
            {
                _txFifo[i] = new byte[R.MaxPayload];
                _rxFifo[i] = new byte[R.MaxPayload];
            }

            _pipeAddress[0] = new byte[5];
            _pipeAddress[1] = new byte[5];
            Irq = new SimulatedPin(0, air.Scheduler, true);
            Ce = new SimulatedPin(1, air.Scheduler, false);
            Ce.Written = OnCe;
            // Cached so entering RX (once per packet) schedules no new delegate.
            _rxSettled = RxSettled;
            Array.Fill(_lastPid, (byte)0xFF);
            PowerOnReset();
            air.Attach(this);
        }

        private enum State
        {
            PowerDown,
            Standby,
            RxSettling,
            Rx,
            TxSettling,
            Tx,
            WaitAck,
            SendingAck,
        }

        /// <inheritdoc />
        public double X { get; set; }

        /// <inheritdoc />
        public double Y { get; set; }

        /// <summary>The IRQ output, active low.</summary>
        public SimulatedPin Irq { get; }

        /// <summary>The CE input.</summary>
        public SimulatedPin Ce { get; }

        /// <summary>Fault injection: the chip answers nothing on SPI (MISO stuck low), as when unpowered.</summary>
        public bool Unpowered { get; set; }

        /// <summary>
        /// When true the chip is off the air: a payload leaves the TX FIFO only when the test calls
        /// <see cref="CompleteTransmit"/>, and packets arrive only through <see cref="Inject"/> (allocation
        /// tests use this, since the air allocates per packet).
        /// </summary>
        public bool Detached { get; set; }

        /// <summary>Packets dropped because the RX FIFO was full.</summary>
        public long RxFifoOverflows { get; private set; }

        /// <summary>Duplicates (same PID and payload) acknowledged but not stored.</summary>
        public long DuplicatesSuppressed { get; private set; }

        /// <summary>Transmissions put on the air, including retransmissions and acknowledgements.</summary>
        public long AirTransmissions { get; private set; }

        /// <summary>Packets heard below the data rate's sensitivity.</summary>
        public long BelowSensitivity { get; private set; }

        /// <summary>A single-byte register as the chip holds it.</summary>
        public byte Register(int address)
        {
            return address == R.Status ? Status() : address == R.FifoStatus ? FifoStatus() : _registers[address];
        }

        /// <summary>RX_ADDR_P0/P1 or TX_ADDR as written (5 bytes, LSByte first).</summary>
        public byte[] Address(int register)
        {
            return (byte[])(register == R.TxAddress ? _txAddress : _pipeAddress[register - R.RxAddressPipe0]).Clone();
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
            return (_state == State.Rx || _state == State.WaitAck) && channelKey == ChannelKey();
        }

        /// <inheritdoc />
        public void OnTransmitEnd(AirTransmission transmission)
        {
            if (_state == State.SendingAck)
            {
                _state = _ce ? State.Rx : State.Standby;
                return;
            }

            if (_state != State.Tx)
            {
                return;
            }

            bool noAck = _txNoAck[0] || (_registers[R.EnableAutoAck] & 0x01) == 0;
            if (noAck)
            {
                PacketDone();
                return;
            }

            _state = State.WaitAck;
            long generation = ++_generation;
            int ard = ((_registers[R.SetupRetransmit] >> 4) + 1) * 250;
            _air.Scheduler.After(ard, () => AckTimeout(generation));
        }

        /// <inheritdoc />
        public void OnReceive(AirTransmission transmission, double rssiDbm, bool corrupted)
        {
            if (rssiDbm < Sensitivity())
            {
                BelowSensitivity++;
                return;
            }

            if (corrupted)
            {
                return; // the CRC fails: the chip discards the packet silently
            }

            byte[] frame = transmission.Bytes;
            int aw = frame[3];
            if (aw != AddressWidth())
            {
                return;
            }

            if (frame[0] == FrameAck)
            {
                if (_state == State.WaitAck && AddressEquals(frame, _pipeAddress[0], aw))
                {
                    _generation++;
                    PacketDone();
                }

                return;
            }

            if (_state != State.Rx)
            {
                return;
            }

            int pipe = MatchPipe(frame, aw);
            if (pipe < 0)
            {
                return;
            }

            if (rssiDbm > -64)
            {
                _registers[R.ReceivedPowerDetector] = 0x01;
            }

            int length = frame.Length - HeaderLength;
            bool dynamic = (_registers[R.Feature] & R.FeatureDynamicPayload) != 0 && (_registers[R.DynamicPayload] & (1 << pipe)) != 0;
            if (!dynamic && length != _registers[R.RxPayloadWidthPipe0 + pipe])
            {
                return;
            }

            bool wantsAck = frame[2] == 0 && (_registers[R.EnableAutoAck] & (1 << pipe)) != 0;
            int hash = PayloadHash(frame, HeaderLength, length);
            bool duplicate = wantsAck && _lastPid[pipe] == frame[1] && _lastPayloadHash[pipe] == hash;
            if (duplicate)
            {
                DuplicatesSuppressed++;
            }
            else if (_rxCount == R.FifoDepth)
            {
                // PS §7.5.2: a full RX FIFO discards the packet and no acknowledgement goes back.
                RxFifoOverflows++;
                return;
            }
            else
            {
                Array.Copy(frame, HeaderLength, _rxFifo[_rxCount], 0, length);
                _rxLength[_rxCount] = length;
                _rxPipe[_rxCount] = pipe;
                _rxCount++;
                _lastPid[pipe] = frame[1];
                _lastPayloadHash[pipe] = hash;
                RaiseStatus(R.RxDataReady);
            }

            if (wantsAck)
            {
                byte[] ack = new byte[HeaderLength];
                ack[0] = FrameAck;
                ack[1] = frame[1];
                ack[3] = (byte)aw;
                Array.Copy(frame, 4, ack, 4, aw);
                _state = State.SendingAck;
                _air.Scheduler.After(R.SettlingMicroseconds, () =>
                {
                    AirTransmissions++;
                    _air.Transmit(this, ChannelKey(), FrequencyHz(), OutputPowerDbm(), ack, AirtimeMicroseconds(0));
                });
            }
        }

        /// <summary>Ends the pending transmission of a <see cref="Detached"/> chip as acknowledged (TX_DS).</summary>
        public void CompleteTransmit()
        {
            if (_state == State.TxSettling && _txCount > 0)
            {
                PacketDone();
            }
        }

        /// <summary>Stores a packet in the RX FIFO as if it had arrived on <paramref name="pipe"/> (no allocation).</summary>
        public bool Inject(byte[] payload, int length, int pipe)
        {
            if (_rxCount == R.FifoDepth)
            {
                RxFifoOverflows++;
                return false;
            }

            Array.Copy(payload, 0, _rxFifo[_rxCount], 0, length);
            _rxLength[_rxCount] = length;
            _rxPipe[_rxCount] = pipe;
            _rxCount++;
            RaiseStatus(R.RxDataReady);
            return true;
        }

        private static bool AddressEquals(byte[] frame, byte[] address, int aw)
        {
            for (int i = 0; i < aw; i++)
            {
                if (frame[4 + i] != address[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int PayloadHash(byte[] data, int offset, int length)
        {
            int hash = length;
            for (int i = 0; i < length; i++)
            {
                hash = (hash * 31) + data[offset + i];
            }

            return hash;
        }

        private void PowerOnReset()
        {
            Array.Clear(_registers);
            _registers[R.Config] = 0x08;
            _registers[R.EnableAutoAck] = 0x3F;
            _registers[R.EnableRxAddress] = 0x03;
            _registers[R.SetupAddressWidth] = 0x03;
            _registers[R.SetupRetransmit] = 0x03;
            _registers[R.RfChannel] = 0x02;
            _registers[R.RfSetup] = 0x0E;
            _registers[R.RxAddressPipe2] = 0xC3;
            _registers[R.RxAddressPipe2 + 1] = 0xC4;
            _registers[R.RxAddressPipe2 + 2] = 0xC5;
            _registers[R.RxAddressPipe2 + 3] = 0xC6;
            Array.Fill(_pipeAddress[0], (byte)0xE7);
            Array.Fill(_pipeAddress[1], (byte)0xC2);
            Array.Fill(_txAddress, (byte)0xE7);
            _status = 0;
            _state = State.PowerDown;
            UpdateIrq();
        }

        private int AddressWidth()
        {
            return Math.Clamp((int)_registers[R.SetupAddressWidth], 1, 3) + 2;
        }

        private int MatchPipe(byte[] frame, int aw)
        {
            for (int pipe = 0; pipe <= 5; pipe++)
            {
                if ((_registers[R.EnableRxAddress] & (1 << pipe)) == 0)
                {
                    continue;
                }

                if (pipe < 2)
                {
                    if (AddressEquals(frame, _pipeAddress[pipe], aw))
                    {
                        return pipe;
                    }

                    continue;
                }

                bool match = frame[4] == _registers[R.RxAddressPipe2 + pipe - 2];
                for (int i = 1; i < aw && match; i++)
                {
                    match = frame[4 + i] == _pipeAddress[1][i];
                }

                if (match)
                {
                    return pipe;
                }
            }

            return -1;
        }

        private long ChannelKey()
        {
            int crc = (_registers[R.Config] & R.EnableCrc) == 0 ? 0 : (_registers[R.Config] & R.CrcTwoBytes) != 0 ? 2 : 1;
            int rate = _registers[R.RfSetup] & (R.DataRateLow | R.DataRateHigh);
            return (2L << 60) | ((long)_registers[R.RfChannel] << 16) | ((long)rate << 8) | (long)(crc << 4) | (long)AddressWidth();
        }

        private long FrequencyHz()
        {
            return (2400L + _registers[R.RfChannel]) * 1000000L;
        }

        private double OutputPowerDbm()
        {
            return -18 + (6 * ((_registers[R.RfSetup] & R.PowerMask) >> 1));
        }

        private double Sensitivity()
        {
            byte setup = _registers[R.RfSetup];
            return (setup & R.DataRateLow) != 0 ? -94 : (setup & R.DataRateHigh) != 0 ? -82 : -85;
        }

        private long AirtimeMicroseconds(int payloadLength)
        {
            int crc = (_registers[R.Config] & R.EnableCrc) == 0 ? 0 : (_registers[R.Config] & R.CrcTwoBytes) != 0 ? 2 : 1;
            long bits = (8L * (1 + AddressWidth() + payloadLength + crc)) + 9;
            byte setup = _registers[R.RfSetup];
            return (setup & R.DataRateLow) != 0 ? bits * 4 : (setup & R.DataRateHigh) != 0 ? (bits + 1) / 2 : bits;
        }

        private byte Status()
        {
            int pipe = _rxCount == 0 ? R.RxPipeEmpty : _rxPipe[0];
            return (byte)(_status | (pipe << 1) | (_txCount == R.FifoDepth ? R.StatusTxFull : 0));
        }

        private byte FifoStatus()
        {
            return (byte)((_txCount == R.FifoDepth ? R.FifoTxFull : 0)
                | (_txCount == 0 ? R.FifoTxEmpty : 0)
                | (_rxCount == R.FifoDepth ? R.FifoRxFull : 0)
                | (_rxCount == 0 ? R.FifoRxEmpty : 0));
        }

        private void Transaction(byte[] write, int writeOffset, byte[]? read, int readOffset, int count)
        {
            if (count < 1)
            {
                return;
            }

            if (Unpowered)
            {
                if (read != null)
                {
                    Array.Clear(read, readOffset, count);
                }

                return;
            }

            byte command = write[writeOffset];
            if (read != null)
            {
                read[readOffset] = Status();
            }

            int data = count - 1;
            if (command == R.Nop)
            {
                return;
            }

            if ((command & 0xE0) == R.ReadRegister)
            {
                int register = command & R.RegisterMask;
                for (int i = 0; i < data && read != null; i++)
                {
                    read[readOffset + 1 + i] = ReadRegisterByte(register, i);
                }

                return;
            }

            if ((command & 0xE0) == R.WriteRegister)
            {
                WriteRegisterBytes(command & R.RegisterMask, write, writeOffset + 1, data);
                return;
            }

            switch (command)
            {
                case R.ReadRxPayloadWidth:
                    if (read != null && data > 0)
                    {
                        read[readOffset + 1] = (byte)(_rxCount == 0 ? 0 : _rxLength[0]);
                    }

                    return;
                case R.ReadRxPayload:
                    if (_rxCount == 0)
                    {
                        return;
                    }

                    for (int i = 0; i < data && read != null; i++)
                    {
                        read[readOffset + 1 + i] = i < _rxLength[0] ? _rxFifo[0][i] : (byte)0;
                    }

                    PopRx();
                    return;
                case R.WriteTxPayload:
                case R.WriteTxPayloadNoAck:
                    if (_txCount < R.FifoDepth && data >= 1 && data <= R.MaxPayload)
                    {
                        Array.Copy(write, writeOffset + 1, _txFifo[_txCount], 0, data);
                        _txLength[_txCount] = data;
                        _txNoAck[_txCount] = command == R.WriteTxPayloadNoAck && (_registers[R.Feature] & R.FeatureDynamicAck) != 0;
                        _txCount++;
                        MaybeStartTransmit();
                    }

                    return;
                case R.FlushTx:
                    _txCount = 0;
                    return;
                case R.FlushRx:
                    _rxCount = 0;
                    return;
            }
        }

        private byte ReadRegisterByte(int register, int index)
        {
            if (register == R.RxAddressPipe0 || register == R.RxAddressPipe1)
            {
                return index < 5 ? _pipeAddress[register - R.RxAddressPipe0][index] : (byte)0;
            }

            if (register == R.TxAddress)
            {
                return index < 5 ? _txAddress[index] : (byte)0;
            }

            return index == 0 ? Register(register) : (byte)0;
        }

        private void WriteRegisterBytes(int register, byte[] source, int offset, int count)
        {
            if (register == R.RxAddressPipe0 || register == R.RxAddressPipe1 || register == R.TxAddress)
            {
                byte[] target = register == R.TxAddress ? _txAddress : _pipeAddress[register - R.RxAddressPipe0];
                Array.Copy(source, offset, target, 0, Math.Min(count, 5));
                return;
            }

            if (count < 1)
            {
                return;
            }

            byte value = source[offset];
            switch (register)
            {
                case R.Status:
                    _status &= (byte)~(value & R.StatusFlags);
                    UpdateIrq();
                    if ((value & R.MaxRetransmits) != 0)
                    {
                        MaybeStartTransmit();
                    }

                    return;
                case R.FifoStatus:
                case R.ReceivedPowerDetector:
                    return;
                case R.ObserveTx:
                    return;
                case R.RfChannel:
                    // PS table 28: writing RF_CH resets PLOS_CNT.
                    _registers[R.ObserveTx] &= 0x0F;
                    _registers[R.RfChannel] = (byte)(value & 0x7F);
                    return;
                case R.Config:
                    _registers[R.Config] = value;
                    UpdateIrq();
                    OnConfig();
                    return;
            }

            _registers[register] = value;
        }

        private void OnConfig()
        {
            bool up = (_registers[R.Config] & R.PowerUp) != 0;
            if (!up)
            {
                _state = State.PowerDown;
                return;
            }

            if (_state == State.PowerDown)
            {
                _state = State.Standby;
            }

            UpdateMode();
        }

        private void RxSettled()
        {
            if (_generation == _settleGeneration && _state == State.RxSettling)
            {
                _state = State.Rx;
            }
        }

        private void OnCe(bool high)
        {
            _ce = high;
            UpdateMode();
        }

        private void UpdateMode()
        {
            if (_state == State.PowerDown || _state == State.Tx || _state == State.WaitAck || _state == State.TxSettling || _state == State.SendingAck)
            {
                return;
            }

            bool rx = (_registers[R.Config] & R.PrimaryRx) != 0;
            if (!_ce)
            {
                _state = State.Standby;
                return;
            }

            if (rx)
            {
                if (_state == State.Standby)
                {
                    _state = State.RxSettling;
                    _settleGeneration = ++_generation;
                    _air.Scheduler.After(R.SettlingMicroseconds, _rxSettled);
                }

                return;
            }

            _state = State.Standby;
            MaybeStartTransmit();
        }

        private void MaybeStartTransmit()
        {
            bool primaryTx = (_registers[R.Config] & R.PrimaryRx) == 0;
            if (_state != State.Standby || !_ce || !primaryTx || _txCount == 0 || (_status & R.MaxRetransmits) != 0)
            {
                return;
            }

            _pid = (byte)((_pid + 1) & 0x03);
            _attempt = 0;
            _registers[R.ObserveTx] &= 0xF0;
            _state = State.TxSettling;
            if (!Detached)
            {
                _air.Scheduler.After(R.SettlingMicroseconds, SendHead);
            }
        }

        private void SendHead()
        {
            int length = _txLength[0];
            byte[] frame = new byte[HeaderLength + length];
            frame[0] = FrameData;
            frame[1] = _pid;
            frame[2] = _txNoAck[0] ? (byte)1 : (byte)0;
            frame[3] = (byte)AddressWidth();
            Array.Copy(_txAddress, 0, frame, 4, 5);
            Array.Copy(_txFifo[0], 0, frame, HeaderLength, length);
            _state = State.Tx;
            AirTransmissions++;
            _air.Transmit(this, ChannelKey(), FrequencyHz(), OutputPowerDbm(), frame, AirtimeMicroseconds(length));
        }

        private void AckTimeout(long generation)
        {
            if (generation != _generation || _state != State.WaitAck)
            {
                return;
            }

            int limit = _registers[R.SetupRetransmit] & 0x0F;
            if (_attempt >= limit)
            {
                // PS §7.4.2: MAX_RT; the payload stays in the TX FIFO; PLOS_CNT counts the lost packet.
                int plos = Math.Min(15, (_registers[R.ObserveTx] >> 4) + 1);
                _registers[R.ObserveTx] = (byte)((plos << 4) | (_registers[R.ObserveTx] & 0x0F));
                _state = State.Standby;
                RaiseStatus(R.MaxRetransmits);
                return;
            }

            _attempt++;
            _registers[R.ObserveTx] = (byte)((_registers[R.ObserveTx] & 0xF0) | _attempt);
            _state = State.TxSettling;
            _air.Scheduler.After(R.SettlingMicroseconds, SendHead);
        }

        private void PacketDone()
        {
            for (int i = 1; i < _txCount; i++)
            {
                Array.Copy(_txFifo[i], _txFifo[i - 1], R.MaxPayload);
                _txLength[i - 1] = _txLength[i];
                _txNoAck[i - 1] = _txNoAck[i];
            }

            _txCount--;
            _state = State.Standby;
            RaiseStatus(R.TxDataSent);
            MaybeStartTransmit();
        }

        private void PopRx()
        {
            byte[] head = _rxFifo[0];
            for (int i = 1; i < _rxCount; i++)
            {
                _rxFifo[i - 1] = _rxFifo[i];
                _rxLength[i - 1] = _rxLength[i];
                _rxPipe[i - 1] = _rxPipe[i];
            }

            _rxCount--;
            _rxFifo[_rxCount] = head;
        }

        private void RaiseStatus(byte flag)
        {
            _status |= flag;
            UpdateIrq();
        }

        private void UpdateIrq()
        {
            byte masked = (byte)(_registers[R.Config] & (R.MaskRxDataReady | R.MaskTxDataSent | R.MaskMaxRetransmits));
            bool active = (_status & R.StatusFlags & ~masked) != 0;
            Irq.Drive(!active);
        }
    }
}

using EdgeMesh.Hardware.Radio;
using EdgeMesh.Protocol.Dedup;
using EdgeMesh.Protocol.Flooding;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Link
{
    /// <summary>
    /// The node's radio segment link: packets from the driver are reassembled into frames
    /// (nRF24L01+ 32-byte packets; a LoRa packet carries a whole frame), checked against the segment
    /// key (lightweight MAC mode), the replay window and the flood history, relayed by managed
    /// flooding, and handed to the application; frames to send are sealed, queued by priority in
    /// fixed slots, held back while the duty-cycle budget is spent, and fragmented onto the radio.
    /// Everything is allocated in the constructor; nothing per packet. Sans-IO apart from the
    /// radio driver it owns: time is passed in. Single-threaded: the main loop calls it.
    /// </summary>
    public sealed class SegmentLink
    {
        private const int MaxEventsPerService = 16;

        private readonly IPacketRadio _radio;
        private readonly NodeId _self;
        private readonly ISegmentReceiver _receiver;
        private readonly FrameMac _mac;
        private readonly SequenceWindow _replay;
        private readonly ManagedFlooder _flooder;
        private readonly Fragmenter _fragmenter;
        private readonly Reassembler _reassembler;
        private readonly DutyCycleBudget _duty;
        private readonly byte[][] _slotFrames;
        private readonly int[] _slotLengths;
        private readonly byte[] _slotPriority;
        private readonly long[] _slotOrder;
        private readonly bool[] _slotUsed;
        private readonly byte[] _rxPacket;
        private readonly byte[] _txPacket;
        private readonly int _maxFrameLength;
        private readonly int _maxPayloadLength;
        private readonly bool _reportsSnr;
        private readonly int _reservedBytes;
        private long _order;
        private int _sending = -1;
        private bool _abandon;
        private bool _deferred;

        /// <summary>Creates the link for node <paramref name="self"/>, keyed with the segment key; all memory is allocated here.</summary>
        public SegmentLink(IPacketRadio radio, NodeId self, byte[] segmentKey, SegmentLinkOptions options, ISegmentReceiver receiver, long nowMs)
        {
            if (radio == null || segmentKey == null || options == null || receiver == null)
            {
                throw new System.ArgumentNullException(radio == null ? nameof(radio) : (segmentKey == null ? nameof(segmentKey) : (options == null ? nameof(options) : nameof(receiver))));
            }

            if (options.MaxFrameLength < WireFormat.HeaderLength + WireFormat.MacLength || options.TransmitSlots < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(options));
            }

            _radio = radio;
            _self = self;
            _receiver = receiver;
            _maxFrameLength = options.MaxFrameLength;
            _maxPayloadLength = options.MaxFrameLength - WireFormat.HeaderLength - WireFormat.MacLength;
            _reportsSnr = options.ReportsSnr;
            _mac = new FrameMac(segmentKey, 0, segmentKey.Length);
            _replay = new SequenceWindow(options.ReplaySenders, options.ReplayWindowWords);
            options.Flooding.MaxFrameLength = options.MaxFrameLength;
            options.Flooding.Seed = (uint)(self.Value ^ (self.Value >> 32)) | 1;
            _flooder = new ManagedFlooder(self, options.Flooding);
            int mtu = radio.MaxPacketLength;
            // Datagram ids start from the node id, so two nodes fragmenting at once rarely reuse an id
            // (packets carry no sender: a mix-up is caught by the MAC and counted).
            _fragmenter = new Fragmenter(mtu, (ushort)(self.Value ^ (self.Value >> 16) ^ (self.Value >> 32) ^ (self.Value >> 48)));
            _reassembler = new Reassembler(mtu, options.ReassemblySlots, options.MaxFrameLength, options.ReassemblyTimeoutMs);
            _duty = new DutyCycleBudget(options.DutyCyclePerMille, options.DutyCycleWindowMs, nowMs);
            int slots = options.TransmitSlots;
            _slotFrames = new byte[slots][];
            for (int i = 0; i < slots; i++)
            {
                _slotFrames[i] = new byte[options.MaxFrameLength];
            }

            _slotLengths = new int[slots];
            _slotPriority = new byte[slots];
            _slotOrder = new long[slots];
            _slotUsed = new bool[slots];
            _rxPacket = new byte[mtu];
            _txPacket = new byte[mtu];
            _reservedBytes = ReservedBytesFor(options, mtu);
        }

        /// <summary>Bytes of buffers and tables this link reserved (see <see cref="ReservedBytesFor"/>).</summary>
        public int ReservedBytes
        {
            get { return _reservedBytes; }
        }

        /// <summary>The flooder (its counters: delivered, duplicates, relays, suppressed, hop limit).</summary>
        public ManagedFlooder Flooder
        {
            get { return _flooder; }
        }

        /// <summary>Frames queued by <see cref="Send"/>.</summary>
        public long Sent { get; private set; }

        /// <summary>Own frames dropped because every transmit slot was taken.</summary>
        public long QueueFull { get; private set; }

        /// <summary>Own frames dropped as longer than the link's maximum.</summary>
        public long TooLarge { get; private set; }

        /// <summary>Own frames dropped as not decodable MAC-mode frames.</summary>
        public long InvalidOwnFrames { get; private set; }

        /// <summary>Relays taken from the flooder into the transmit queue.</summary>
        public long RelaysQueued { get; private set; }

        /// <summary>Frames whose last packet left the radio.</summary>
        public long FramesTransmitted { get; private set; }

        /// <summary>Packets handed to the radio.</summary>
        public long PacketsTransmitted { get; private set; }

        /// <summary>Transmissions the radio reported as failed (the rest of that frame was dropped).</summary>
        public long TransmitFailures { get; private set; }

        /// <summary>Radio commands refused (busy, FIFO, not ready): that frame was dropped.</summary>
        public long RadioErrors { get; private set; }

        /// <summary>Times the next frame had to wait for duty-cycle budget.</summary>
        public long DutyCycleDeferrals { get; private set; }

        /// <summary>Packets read from the radio.</summary>
        public long PacketsReceived { get; private set; }

        /// <summary>Packets the radio reported with a CRC error.</summary>
        public long CrcErrors { get; private set; }

        /// <summary>Packets longer than the receive buffer (dropped by the driver).</summary>
        public long OversizedPackets { get; private set; }

        /// <summary>Fragments the reassembler rejected.</summary>
        public long ReassemblyRejected { get; private set; }

        /// <summary>Frames that did not decode.</summary>
        public long Malformed { get; private set; }

        /// <summary>Frames without a MAC trailer (radio segments accept MAC mode only).</summary>
        public long Unauthenticated { get; private set; }

        /// <summary>Frames whose MAC did not verify: corrupted, forged, or from another segment key.</summary>
        public long MacFailures { get; private set; }

        /// <summary>Authentic frames refused by the replay window (too old, or a copy the flood history forgot).</summary>
        public long Replays { get; private set; }

        /// <summary>New authentic frames for other nodes (relayed only).</summary>
        public long NotForThisNode { get; private set; }

        /// <summary>Frames handed to the application.</summary>
        public long Delivered { get; private set; }

        /// <summary>Frames waiting in transmit slots.</summary>
        public int QueuedFrames
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _slotUsed.Length; i++)
                {
                    if (_slotUsed[i])
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>Earliest time the link has work (a relay due), or <see cref="long.MaxValue"/>.</summary>
        public long NextDeadlineMs
        {
            get { return _flooder.NextDeadlineMs; }
        }

        /// <summary>
        /// What a link with these options reserves, bytes: transmit slots and packet buffers, the
        /// flooder's history and pending copies, the reassembly slots, the replay window and the
        /// HMAC state. Array payloads only (object headers differ between runtimes); the RAM test
        /// compares the figure with the host's measured allocation.
        /// </summary>
        public static int ReservedBytesFor(SegmentLinkOptions options, int mtu)
        {
            int slots = options.TransmitSlots;
            int transmit = slots * (options.MaxFrameLength + 4 + 1 + 8 + 1) + (2 * mtu);
            FloodingOptions flooding = options.Flooding;
            int flooder = (flooding.PendingCapacity * (options.MaxFrameLength + 4 + 8 + 8 + 8 + 4 + 1))
                + (flooding.HistoryCapacity * 16) + (WireFormat.FrameErrorCount * 8);
            int reassembly = options.ReassemblySlots * (options.MaxFrameLength + 32 + 1 + 8 + 4 + 4 + 4 + 4 + 8);
            int senders = 4;
            while (senders < options.ReplaySenders)
            {
                senders <<= 1;
            }

            int replay = senders * (24 + (8 * options.ReplayWindowWords));
            const int Hmac = (8 * 4) + (64 * 4) + 64 + (2 * 8 * 4) + 64 + 32 + 32; // SHA-256 state, schedule, block; HMAC pads; MAC
            return transmit + flooder + reassembly + replay + Hmac;
        }

        /// <summary>Puts the radio into receive; call once after the driver is initialised.</summary>
        public RadioResult Start()
        {
            return _radio.StartReceive();
        }

        /// <summary>
        /// Seals (MAC trailer) and queues a frame this node originates. The frame must be encoded with
        /// <see cref="SecurityMode.Mac"/> and fill exactly the range; the link keeps its own copy.
        /// </summary>
        public LinkSendResult Send(byte[] frame, int offset, int count)
        {
            if (count > _maxFrameLength)
            {
                TooLarge++;
                return LinkSendResult.TooLarge;
            }

            if (frame == null || offset < 0 || count < 0 || offset > frame.Length - count
                || _mac.Seal(frame, offset, count, out FrameError _) != MacResult.Ok)
            {
                InvalidOwnFrames++;
                return LinkSendResult.Invalid;
            }

            int slot = FreeSlot();
            if (slot < 0)
            {
                QueueFull++;
                return LinkSendResult.QueueFull;
            }

            System.Array.Copy(frame, offset, _slotFrames[slot], 0, count);
            _flooder.Originate(_slotFrames[slot], 0, count);
            Enqueue(slot, count);
            Sent++;
            return LinkSendResult.Queued;
        }

        /// <summary>
        /// Does the link's work at <paramref name="nowMs"/>: handles the radio's events (received
        /// packets, finished transmissions), queues due relays and starts the next transmission.
        /// Call after the radio's IRQ fires and on every loop tick.
        /// </summary>
        public void Service(long nowMs)
        {
            for (int i = 0; i < MaxEventsPerService; i++)
            {
                RadioEvent radioEvent = _radio.Service();
                if (radioEvent == RadioEvent.None)
                {
                    break;
                }

                if (radioEvent == RadioEvent.PacketReceived)
                {
                    Receive(nowMs);
                }
                else if (radioEvent == RadioEvent.TransmitFailed)
                {
                    TransmitFailures++;
                    _abandon = true;
                }
                else if (radioEvent == RadioEvent.CrcError)
                {
                    CrcErrors++;
                }
            }

            _reassembler.Tick(nowMs);
            QueueDueRelays(nowMs);
            TransmitNext(nowMs);
        }

        private void Receive(long nowMs)
        {
            int length = _radio.ReadPacket(_rxPacket, 0, _rxPacket.Length);
            if (length <= 0)
            {
                if (length < 0)
                {
                    OversizedPackets++;
                }

                return;
            }

            PacketsReceived++;
            int snrDb = _reportsSnr ? _radio.LastSnrQuarterDb / 4 : ManagedFlooder.SnrUnknown;
            ReassemblyResult result = _reassembler.Push(0, _rxPacket, 0, length, nowMs, out byte[] frame, out int frameOffset, out int frameLength);
            if (result == ReassemblyResult.Rejected)
            {
                ReassemblyRejected++;
            }
            else if (result == ReassemblyResult.Complete)
            {
                OnFrame(frame, frameOffset, frameLength, snrDb, nowMs);
            }
        }

        private void OnFrame(byte[] frame, int offset, int length, int snrDb, long nowMs)
        {
            FrameError error = FrameCodec.DecodeExact(frame, offset, length, _maxPayloadLength, out FrameHeader header);
            if (error != FrameError.None)
            {
                Malformed++;
                return;
            }

            if (header.Security != SecurityMode.Mac)
            {
                Unauthenticated++;
                return;
            }

            // Authenticate before relaying: frames from outside the segment key are never flooded.
            if (_mac.VerifyDecoded(ref header, frame, offset) != MacResult.Ok)
            {
                MacFailures++;
                return;
            }

            SequenceVerdict verdict = _replay.Check(header.Sender.Value, header.Sequence);
            if (verdict == SequenceVerdict.TooOld)
            {
                Replays++;
                return;
            }

            // Relayed copies reach the flooder even when the window knows them: it counts them for suppression.
            if (_flooder.OnReceive(frame, offset, length, snrDb, nowMs, out header) != FloodOutcome.Deliver)
            {
                return;
            }

            if (verdict == SequenceVerdict.Duplicate)
            {
                Replays++;
                return;
            }

            _replay.Record(header.Sender.Value, header.Sequence);
            bool forThisNode = header.Kind == FrameKind.Publish
                || ((header.Kind == FrameKind.Direct || header.Kind == FrameKind.Ack) && (header.Destination == _self.Value || header.Destination == 0));
            if (!forThisNode)
            {
                NotForThisNode++;
                return;
            }

            Delivered++;
            _receiver.OnFrame(ref header, frame, offset, nowMs);
        }

        private void QueueDueRelays(long nowMs)
        {
            int slot;
            while ((slot = FreeSlot()) >= 0 && _flooder.TryTakeDue(nowMs, _slotFrames[slot], 0, _maxFrameLength, out int written))
            {
                Enqueue(slot, written);
                RelaysQueued++;
            }
        }

        private void TransmitNext(long nowMs)
        {
            if (_radio.IsTransmitting)
            {
                return;
            }

            if (_sending >= 0)
            {
                if (!_abandon && _fragmenter.HasNextPacket)
                {
                    SendPacket();
                    return;
                }

                if (!_abandon)
                {
                    FramesTransmitted++;
                }

                _slotUsed[_sending] = false;
                _sending = -1;
                _abandon = false;
            }

            int next = NextSlot();
            if (next < 0)
            {
                return;
            }

            if (!_duty.TrySpend(Airtime(_slotLengths[next]), nowMs))
            {
                if (!_deferred)
                {
                    DutyCycleDeferrals++;
                    _deferred = true;
                }

                return;
            }

            _deferred = false;
            if (_fragmenter.Begin(_slotFrames[next], 0, _slotLengths[next]) != FrameError.None)
            {
                RadioErrors++;
                _slotUsed[next] = false;
                return;
            }

            _sending = next;
            SendPacket();
        }

        private void SendPacket()
        {
            if (_fragmenter.NextPacket(_txPacket, 0, _txPacket.Length, out int written) != FrameError.None
                || _radio.Send(_txPacket, 0, written) != RadioResult.Ok)
            {
                RadioErrors++;
                _abandon = true;
                return;
            }

            PacketsTransmitted++;
        }

        /// <summary>Time on air of all packets of a frame, µs.</summary>
        private long Airtime(int frameLength)
        {
            int mtu = _radio.MaxPacketLength;
            if (frameLength <= mtu)
            {
                return _radio.TimeOnAirMicroseconds(frameLength);
            }

            int data = FragmentFormat.FragmentDataLength(mtu);
            long total = 0;
            for (int remaining = frameLength; remaining > 0; remaining -= data)
            {
                total += _radio.TimeOnAirMicroseconds(FragmentFormat.HeaderLength + (remaining < data ? remaining : data));
            }

            return total;
        }

        private void Enqueue(int slot, int length)
        {
            // Priority sits in the low two bits of byte 2 beside the security mode (docs/wire-format.md §2).
            FrameCodec.DecodeExact(_slotFrames[slot], 0, length, _maxPayloadLength, out FrameHeader header);
            _slotLengths[slot] = length;
            _slotPriority[slot] = (byte)header.Priority;
            _slotOrder[slot] = _order++;
            _slotUsed[slot] = true;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _slotUsed.Length; i++)
            {
                if (!_slotUsed[i])
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The waiting frame of the most urgent priority, oldest first; -1 when none waits.</summary>
        private int NextSlot()
        {
            int best = -1;
            for (int i = 0; i < _slotUsed.Length; i++)
            {
                if (!_slotUsed[i] || i == _sending)
                {
                    continue;
                }

                if (best < 0 || _slotPriority[i] < _slotPriority[best]
                    || (_slotPriority[i] == _slotPriority[best] && _slotOrder[i] < _slotOrder[best]))
                {
                    best = i;
                }
            }

            return best;
        }
    }
}

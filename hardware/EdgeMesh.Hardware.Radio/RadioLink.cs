using EdgeMesh.Protocol.Dedup;
using EdgeMesh.Protocol.Flooding;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Hardware.Radio
{
    /// <summary>
    /// One radio segment of the mesh: driver packets → <see cref="Reassembler"/> →
    /// <see cref="InboundPipeline"/> (duplicates, replay window, lightweight MAC) →
    /// <see cref="ManagedFlooder"/> (rebroadcast of new frames, delayed by the received SNR so weaker
    /// signals relay first) → the application's <see cref="IFrameSink"/>; and own frames and due
    /// rebroadcasts → <see cref="Fragmenter"/> (the radio's MTU: 255 bytes LoRa, 32 nRF24) → the
    /// driver, one packet at a time, each granted by the <see cref="AirtimeBudget"/> first.
    /// </summary>
    /// <remarks>
    /// Sans-IO around the driver: the owner calls <see cref="Poll"/> with its monotonic time whenever
    /// the radio's IRQ fires or a timer (at most <see cref="NextWakeMs"/>) expires. Duplicates the
    /// pipeline drops still reach the flooder (after their MAC is checked, so forged copies cannot
    /// cancel a relay) because hearing a neighbour relay a frame is what suppresses our own relay.
    /// Every buffer and table is allocated in the constructor and bounded by <see cref="RadioLinkOptions"/>;
    /// nothing is allocated per packet. Fragments are reassembled with link source 0, since neither
    /// radio carries a sender address below the frame (datagram ids start at a per-boot random value).
    /// Single-threaded by contract.
    /// </remarks>
    public sealed class RadioLink : IFrameSink
    {
        private readonly IPacketRadio _radio;
        private readonly FrameMac? _mac;
        private readonly IFrameSink _application;
        private readonly RadioLinkOptions _options;
        private readonly Fragmenter _fragmenter;
        private readonly Reassembler _reassembler;
        private readonly InboundPipeline _pipeline;
        private readonly ManagedFlooder _flooder;
        private readonly AirtimeBudget _budget;
        private readonly byte[] _packet;
        private readonly byte[] _outgoing;
        private readonly byte[] _current;
        private readonly byte[][] _queue;
        private readonly int[] _queueLengths;
        private int _queueHead;
        private int _queueCount;
        private int _pendingLength;
        private bool _currentIsRelay;
        private int _lastSnrDb;
        private long _nowMs;

        /// <summary>
        /// Creates the link over <paramref name="radio"/> for node <paramref name="self"/>. <paramref name="mac"/>
        /// is the segment key's checker (lightweight mode); null means development mode (no
        /// authentication — say so in the logs). <paramref name="firstDatagramId"/> should be random per boot.
        /// </summary>
        public RadioLink(IPacketRadio radio, NodeId self, RadioLinkOptions options, FrameMac? mac, IFrameSink application, ushort firstDatagramId, long nowMs)
        {
            _radio = radio;
            _options = options;
            _mac = mac;
            _application = application;
            int mtu = radio.MaxPacketLength;
            _fragmenter = new Fragmenter(mtu, firstDatagramId);
            int maxFrame = options.MaxFrameLength < _fragmenter.MaxFrameLength ? options.MaxFrameLength : _fragmenter.MaxFrameLength;
            _reassembler = new Reassembler(mtu, options.ReassemblySlots, maxFrame, options.ReassemblyTimeoutMs);
            _pipeline = new InboundPipeline(
                maxFrame - WireFormat.HeaderLength,
                new SeenMessageCache(options.SeenCapacity),
                new SequenceWindow(options.SequenceSenders, 2),
                this,
                mac == null ? null : new FrameMacAuthenticator(mac));
            var flooding = new FloodingOptions
            {
                HistoryCapacity = options.FloodHistory,
                PendingCapacity = options.FloodPending,
                MaxFrameLength = maxFrame,
                SnrWindowMs = options.SnrWindowMs,
                JitterWindowMs = options.JitterWindowMs,
                Seed = options.FloodSeed,
            };
            _flooder = new ManagedFlooder(self, flooding);
            _budget = new AirtimeBudget(options.DutyCyclePpm, options.DutyCycleWindowMs, radio.TimeOnAirMicroseconds(mtu), nowMs * 1000);
            MaxFrameLength = maxFrame;
            _packet = new byte[mtu];
            _outgoing = new byte[mtu];
            _current = new byte[maxFrame];
            _queue = new byte[options.TransmitQueueCapacity][];
            _queueLengths = new int[options.TransmitQueueCapacity];
            for (int i = 0; i < _queue.Length; i++)
            {
                _queue[i] = new byte[maxFrame];
            }

            _nowMs = nowMs;
        }

        /// <summary>Largest frame the link carries.</summary>
        public int MaxFrameLength { get; }

        /// <summary>What the link did.</summary>
        public RadioLinkCounters Counters { get; } = new RadioLinkCounters();

        /// <summary>The receive pipeline (its counters).</summary>
        public InboundPipeline Pipeline
        {
            get { return _pipeline; }
        }

        /// <summary>The flooder (its counters).</summary>
        public ManagedFlooder Flooder
        {
            get { return _flooder; }
        }

        /// <summary>The airtime budget.</summary>
        public AirtimeBudget Budget
        {
            get { return _budget; }
        }

        /// <summary>Own frames waiting.</summary>
        public int QueuedFrames
        {
            get { return _queueCount; }
        }

        /// <summary>True while a frame (own or relayed) is being sent packet by packet.</summary>
        public bool Sending
        {
            get { return _fragmenter.HasNextPacket || _pendingLength > 0 || _radio.IsTransmitting; }
        }

        /// <summary>When <see cref="Poll"/> must run next at the latest (a rebroadcast falls due), ms; long.MaxValue when idle.</summary>
        public long NextWakeMs
        {
            get { return _flooder.NextDeadlineMs; }
        }

        /// <summary>Starts listening.</summary>
        public RadioResult Start()
        {
            return _radio.StartReceive();
        }

        /// <summary>
        /// Queues one of this node's frames (already sealed: MAC trailer written in lightweight mode) for
        /// broadcast. Returns <see cref="FrameError.None"/>, or why it was refused (counted).
        /// </summary>
        public FrameError Send(byte[] frame, int offset, int count)
        {
            if (count < 1 || count > MaxFrameLength)
            {
                Counters.FramesRefused++;
                return FrameError.PayloadTooLarge;
            }

            if (_queueCount == _queue.Length)
            {
                Counters.QueueFull++;
                return FrameError.BufferTooSmall;
            }

            FrameError error = _flooder.Originate(frame, offset, count);
            if (error != FrameError.None)
            {
                Counters.FramesRefused++;
                return error;
            }

            int slot = (_queueHead + _queueCount) % _queue.Length;
            System.Array.Copy(frame, offset, _queue[slot], 0, count);
            _queueLengths[slot] = count;
            _queueCount++;
            Counters.FramesQueued++;
            return FrameError.None;
        }

        /// <summary>Services the radio, reassembles and delivers what arrived, and starts the next transmission.</summary>
        public void Poll(long nowMs)
        {
            _nowMs = nowMs;
            for (int guard = 0; guard < 8; guard++)
            {
                RadioEvent e = _radio.Service();
                if (e == RadioEvent.None)
                {
                    break;
                }

                OnRadioEvent(e);
            }

            _reassembler.Tick(nowMs);
            Transmit();
        }

        /// <summary>Pipeline sink: a new, authentic frame.</summary>
        public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
        {
            FloodOutcome outcome = _flooder.OnReceive(buffer, frameOffset, header.FrameLength, _lastSnrDb, _nowMs, out FrameHeader flooded);
            if (outcome == FloodOutcome.Deliver)
            {
                Counters.FramesDelivered++;
                _application.OnFrame(ref header, buffer, frameOffset);
            }
            else if (outcome == FloodOutcome.Duplicate)
            {
                Counters.DuplicatesHeard++;
            }
        }

        private void OnRadioEvent(RadioEvent e)
        {
            switch (e)
            {
                case RadioEvent.PacketReceived:
                    Receive();
                    break;
                case RadioEvent.CrcError:
                    Counters.CrcErrors++;
                    break;
                case RadioEvent.TransmitDone:
                    Counters.PacketsSent++;
                    if (!_fragmenter.HasNextPacket && _pendingLength == 0)
                    {
                        FrameDone();
                    }

                    break;
                case RadioEvent.TransmitFailed:
                    Counters.TransmitFailures++;
                    _pendingLength = 0;
                    if (_fragmenter.HasNextPacket)
                    {
                        // Drop the rest of the frame: Begin on the next one counts it as abandoned.
                        _fragmenter.Begin(_current, 0, 0);
                    }

                    break;
            }
        }

        private void Receive()
        {
            int length = _radio.ReadPacket(_packet, 0, _packet.Length);
            if (length <= 0)
            {
                return;
            }

            Counters.PacketsReceived++;
            _lastSnrDb = _options.UseSnr ? _radio.LastSnrQuarterDb / 4 : ManagedFlooder.SnrUnknown;
            ReassemblyResult result = _reassembler.Push(0, _packet, 0, length, _nowMs, out byte[] frame, out int offset, out int frameLength);
            if (result == ReassemblyResult.Rejected)
            {
                Counters.ReassemblyRejects++;
                return;
            }

            if (result != ReassemblyResult.Complete)
            {
                return;
            }

            if (_pipeline.Receive(frame, offset, frameLength))
            {
                return;
            }

            if (_pipeline.LastRejection == FrameError.Duplicate)
            {
                // A neighbour relayed something we know: let the flooder count it, if it is authentic.
                if (_mac == null || _mac.Verify(frame, offset, frameLength, MaxFrameLength - WireFormat.HeaderLength, out FrameHeader _, out FrameError _) == MacResult.Ok)
                {
                    _flooder.OnReceive(frame, offset, frameLength, _lastSnrDb, _nowMs, out FrameHeader _);
                    Counters.DuplicatesHeard++;
                }

                return;
            }

            Counters.FramesRejected++;
        }

        private void Transmit()
        {
            if (_radio.IsTransmitting)
            {
                return;
            }

            if (_pendingLength == 0 && !_fragmenter.HasNextPacket && !NextFrame())
            {
                return;
            }

            if (_pendingLength == 0)
            {
                if (_fragmenter.NextPacket(_outgoing, 0, _outgoing.Length, out int written) != FrameError.None)
                {
                    Counters.TransmitFailures++;
                    return;
                }

                _pendingLength = written;
            }

            if (!_budget.TryConsume(_radio.TimeOnAirMicroseconds(_pendingLength), _nowMs * 1000))
            {
                Counters.DutyCycleDeferrals++;
                return;
            }

            RadioResult started = _radio.Send(_outgoing, 0, _pendingLength);
            if (started == RadioResult.Ok)
            {
                _pendingLength = 0;
            }
            else if (started != RadioResult.Busy)
            {
                Counters.TransmitFailures++;
                _pendingLength = 0;
            }
        }

        /// <summary>Loads the next frame: a due rebroadcast first (its timing matters), then the oldest own frame.</summary>
        private bool NextFrame()
        {
            int length;
            if (_flooder.TryTakeDue(_nowMs, _current, 0, _current.Length, out length))
            {
                _currentIsRelay = true;
            }
            else if (_queueCount > 0)
            {
                length = _queueLengths[_queueHead];
                System.Array.Copy(_queue[_queueHead], 0, _current, 0, length);
                _queueHead = (_queueHead + 1) % _queue.Length;
                _queueCount--;
                _currentIsRelay = false;
            }
            else
            {
                return false;
            }

            return _fragmenter.Begin(_current, 0, length) == FrameError.None;
        }

        private void FrameDone()
        {
            Counters.FramesSent++;
            if (_currentIsRelay)
            {
                Counters.RelaysSent++;
            }
        }
    }
}

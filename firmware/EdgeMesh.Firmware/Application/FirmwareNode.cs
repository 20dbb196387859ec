using EdgeMesh.Firmware.Boards;
using EdgeMesh.Firmware.Link;
using EdgeMesh.Firmware.Memory;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Firmware.Sensors;
using EdgeMesh.Firmware.Supervision;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>
    /// The node application: publishes heartbeats and telemetry (battery from the INA219 monitor),
    /// executes MotionCommands sent to its motion topic (acknowledging them when asked) and stops the
    /// motors when commands stop, all over the MAC-authenticated, flooded radio segment. The main
    /// loop calls <see cref="Tick"/>; a supervisor calls <see cref="Supervise"/> for the watchdog.
    /// Every buffer is allocated in the constructor (<see cref="Ram"/> lists them); a tick allocates
    /// nothing. Sans-IO: time is passed in, hardware comes through the HAL.
    /// </summary>
    public sealed class FirmwareNode : ISegmentReceiver
    {
        /// <summary>Watchdog task: the radio link was serviced.</summary>
        public const int TaskRadio = 0;

        /// <summary>Watchdog task: the motion deadline was checked.</summary>
        public const int TaskControl = 1;

        /// <summary>Watchdog task: the reporting step ran.</summary>
        public const int TaskReports = 2;

        /// <summary>Telemetry sensor id: battery voltage, V.</summary>
        public const ushort SensorBatteryVolts = 1;

        /// <summary>Telemetry sensor id: battery current, A.</summary>
        public const ushort SensorBatteryAmps = 2;

        /// <summary>Telemetry sensor id: RSSI of the last packet heard, dBm.</summary>
        public const ushort SensorLastRssiDbm = 3;

        /// <summary>Telemetry sensor id: frames refused for a bad MAC since boot.</summary>
        public const ushort SensorMacFailures = 4;

        /// <summary>Telemetry sensor id: frames relayed since boot.</summary>
        public const ushort SensorRelays = 5;

        private readonly NodeId _self;
        private readonly NodeProvisioning _provisioning;
        private readonly BoardProfile _board;
        private readonly NodeHardware _hardware;
        private readonly SegmentLink _link;
        private readonly MotionController _motion;
        private readonly Ina219 _battery;
        private readonly TaskWatchdog _watchdog;
        private readonly TelemetryWriter _telemetry = new TelemetryWriter();
        private readonly RamReport _ram = new RamReport();
        private readonly byte[] _frame;
        private readonly ulong _heartbeatTopic;
        private readonly ulong _telemetryTopic;
        private readonly ulong _motionTopic;
        private readonly long _bootMs;
        private readonly int _heartbeatIntervalMs;
        private readonly int _telemetryIntervalMs;
        private readonly ulong _sequenceBase;
        private uint _sequence;
        private long _nextHeartbeatMs;
        private long _nextTelemetryMs;
        private BatteryReading _lastBattery;
        private bool _haveBattery;

        /// <summary>
        /// Builds the application on initialised hardware at <paramref name="nowMs"/>. <paramref name="bootCount"/>
        /// (kept in flash, raised by one every boot) forms the upper half of every frame sequence, so
        /// frames after a reboot are never mistaken for replays by the segment's replay windows.
        /// </summary>
        public FirmwareNode(NodeProvisioning provisioning, BoardProfile board, NodeHardware hardware, FirmwareOptions options, uint bootCount, long nowMs)
        {
            if (provisioning == null || board == null || hardware == null || options == null)
            {
                throw new System.ArgumentNullException(nameof(provisioning));
            }

            _provisioning = provisioning;
            _board = board;
            _hardware = hardware;
            _self = new NodeId(provisioning.NodeId);
            _sequenceBase = (ulong)bootCount << 32;
            _bootMs = nowMs;
            _heartbeatIntervalMs = provisioning.HeartbeatIntervalSeconds * 1000;
            _telemetryIntervalMs = provisioning.TelemetryIntervalSeconds * 1000;
            _heartbeatTopic = TopicId.FromName(FirmwareTopics.Heartbeat);
            _telemetryTopic = TopicId.FromName(FirmwareTopics.Telemetry);
            _motionTopic = TopicId.FromName(FirmwareTopics.MotionFor(provisioning.NodeId));
            _frame = new byte[options.Link.MaxFrameLength];
            _link = new SegmentLink(hardware.Radio, _self, provisioning.SegmentKey, options.Link, this, nowMs);
            _motion = new MotionController(hardware.LeftMotor, hardware.RightMotor, board.WheelTrackMm, board.MaxWheelSpeedMmPerSecond, provisioning.CommandTimeoutMs);
            _battery = new Ina219(hardware.BatteryMonitor, board.ShuntMilliohms);
            _battery.Initialize();
            _watchdog = new TaskWatchdog(3, options.WatchdogTimeoutMs, nowMs);

            // A node's first reports are spread over the interval by its id, so a segment powered on
            // together does not transmit in lockstep.
            _nextHeartbeatMs = nowMs + (long)(provisioning.NodeId % (ulong)_heartbeatIntervalMs);
            _nextTelemetryMs = nowMs + (long)((provisioning.NodeId >> 16) % (ulong)_telemetryIntervalMs);

            _ram.Add("radio link (tx slots, flooding, reassembly, replay window, HMAC)", _link.ReservedBytes);
            _ram.Add("frame build buffer", _frame.Length);
            _ram.Add("battery monitor buffers", 5);
            _ram.Add("watchdog check-ins", 3 * 4);
            _ram.Add("segment key", NodeProvisioning.SegmentKeyLength);
            _link.Start();
        }

        /// <summary>The node's id.</summary>
        public NodeId Id
        {
            get { return _self; }
        }

        /// <summary>The radio link (counters).</summary>
        public SegmentLink Link
        {
            get { return _link; }
        }

        /// <summary>The motion controller (counters, state).</summary>
        public MotionController Motion
        {
            get { return _motion; }
        }

        /// <summary>The battery monitor driver (counters).</summary>
        public Ina219 Battery
        {
            get { return _battery; }
        }

        /// <summary>The watchdog (expirations).</summary>
        public TaskWatchdog Watchdog
        {
            get { return _watchdog; }
        }

        /// <summary>The board profile the node runs on.</summary>
        public BoardProfile Board
        {
            get { return _board; }
        }

        /// <summary>What the application reserved at boot.</summary>
        public RamReport Ram
        {
            get { return _ram; }
        }

        /// <summary>Heartbeats queued on the link.</summary>
        public long HeartbeatsSent { get; private set; }

        /// <summary>Telemetry reports queued on the link.</summary>
        public long TelemetrySent { get; private set; }

        /// <summary>Motion commands received for this node.</summary>
        public long MotionCommandsReceived { get; private set; }

        /// <summary>Motion payloads that did not decode.</summary>
        public long MotionRejected { get; private set; }

        /// <summary>Acknowledgements queued.</summary>
        public long AcksSent { get; private set; }

        /// <summary>Accepted frames the application has no use for (other topics, other payloads).</summary>
        public long Ignored { get; private set; }

        /// <summary>Reports not sent because encoding or the link refused them.</summary>
        public long ReportsDropped { get; private set; }

        /// <summary>The earliest time <see cref="Tick"/> has work without a radio interrupt.</summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = _nextHeartbeatMs < _nextTelemetryMs ? _nextHeartbeatMs : _nextTelemetryMs;
                long motion = _motion.DeadlineMs;
                long link = _link.NextDeadlineMs;
                if (motion < next)
                {
                    next = motion;
                }

                return link < next ? link : next;
            }
        }

        /// <summary>One pass of the main loop at <paramref name="nowMs"/>.</summary>
        public void Tick(long nowMs)
        {
            _link.Service(nowMs);
            _watchdog.CheckIn(TaskRadio, nowMs);
            _motion.Tick(nowMs);
            _watchdog.CheckIn(TaskControl, nowMs);
            if (nowMs >= _nextHeartbeatMs)
            {
                SendHeartbeat(nowMs);
                _nextHeartbeatMs = Advance(_nextHeartbeatMs, _heartbeatIntervalMs, nowMs);
            }

            if (nowMs >= _nextTelemetryMs)
            {
                SendTelemetry(nowMs);
                _nextTelemetryMs = Advance(_nextTelemetryMs, _telemetryIntervalMs, nowMs);
            }

            _link.Service(nowMs); // start what the reports queued without waiting for the next tick
            _watchdog.CheckIn(TaskReports, nowMs);
        }

        /// <summary>
        /// The watchdog's check, from the supervisor: when a task has been silent too long the motors
        /// stop and the board resets. True when that happened.
        /// </summary>
        public bool Supervise(long nowMs)
        {
            if (!_watchdog.Check(nowMs))
            {
                return false;
            }

            _motion.EmergencyStop();
            _hardware.Reset.Reset();
            return true;
        }

        /// <inheritdoc />
        public void OnFrame(ref FrameHeader header, byte[] frame, int frameOffset, long nowMs)
        {
            bool toMe = (header.Kind == FrameKind.Publish && header.Destination == _motionTopic)
                || (header.Kind == FrameKind.Direct && header.Destination == _self.Value);
            if (!toMe || header.PayloadType != PayloadType.MotionCommand)
            {
                Ignored++;
                return;
            }

            MotionCommandsReceived++;
            if (MotionCommandCodec.Decode(frame, FrameCodec.PayloadOffset(frameOffset), header.PayloadLength, out MotionCommand command) != FrameError.None)
            {
                MotionRejected++;
                return;
            }

            MotionVerdict verdict = _motion.Apply(command, nowMs);
            if (header.HasFlag(FrameFlags.AckRequested))
            {
                SendAck(header.Sender.Value, header.Sequence, command.Sequence, verdict, nowMs);
            }
        }

        /// <summary>The battery's state of charge, 0..10000 (0.01 %), from the voltage between the board's empty and full levels.</summary>
        internal static ushort StateOfCharge(int millivolts, int emptyMillivolts, int fullMillivolts)
        {
            if (millivolts <= emptyMillivolts)
            {
                return 0;
            }

            if (millivolts >= fullMillivolts)
            {
                return Heartbeat.MaxStateOfCharge;
            }

            return (ushort)((long)(millivolts - emptyMillivolts) * Heartbeat.MaxStateOfCharge / (fullMillivolts - emptyMillivolts));
        }

        private static long Advance(long due, int interval, long nowMs)
        {
            long next = due + interval;
            return next > nowMs ? next : nowMs + interval; // after a stall, skip the missed reports
        }

        private void ReadBattery()
        {
            if (_battery.TryRead(out BatteryReading reading))
            {
                _lastBattery = reading;
                _haveBattery = true;
            }
        }

        private void SendHeartbeat(long nowMs)
        {
            ReadBattery();
            NodeStatus status = _haveBattery && _battery.IsPresent ? NodeStatus.Ok : NodeStatus.Degraded;
            if (_motion.EmergencyStops > 0 && !_motion.IsMoving)
            {
                status = NodeStatus.Degraded;
            }

            ushort soc = _haveBattery ? StateOfCharge(_lastBattery.BusMillivolts, _board.BatteryEmptyMillivolts, _board.BatteryFullMillivolts) : Heartbeat.StateOfChargeUnknown;
            int mv = _haveBattery ? _lastBattery.BusMillivolts : 0;
            var value = new Heartbeat(status, soc, (ushort)(mv > 65535 ? 65535 : mv), (uint)((nowMs - _bootMs) / 1000),
                new Pose(new Vector3F(0f, 0f, 0f), QuaternionF.Identity));
            int payloadOffset = FrameCodec.PayloadOffset(0);
            if (HeartbeatCodec.Encode(value, _frame, payloadOffset, _frame.Length - payloadOffset - WireFormat.MacLength, out int length) != FrameError.None
                || !SendFrame(FrameKind.Publish, Priority.Telemetry, _heartbeatTopic, PayloadType.Heartbeat, length, 0, nowMs))
            {
                ReportsDropped++;
                return;
            }

            HeartbeatsSent++;
        }

        private void SendTelemetry(long nowMs)
        {
            ReadBattery();
            int payloadOffset = FrameCodec.PayloadOffset(0);
            bool ok = _telemetry.Begin(_frame, payloadOffset, _frame.Length - payloadOffset - WireFormat.MacLength) == FrameError.None;
            if (_haveBattery)
            {
                ok &= _telemetry.Add(SensorBatteryVolts, _lastBattery.BusMillivolts / 1000f) == FrameError.None;
                ok &= _telemetry.Add(SensorBatteryAmps, _lastBattery.CurrentMilliamps / 1000f) == FrameError.None;
            }

            ok &= _telemetry.Add(SensorLastRssiDbm, _hardware.Radio.LastRssiDbm) == FrameError.None;
            ok &= _telemetry.Add(SensorMacFailures, _link.MacFailures) == FrameError.None;
            ok &= _telemetry.Add(SensorRelays, _link.RelaysQueued) == FrameError.None;
            if (!ok
                || !SendFrame(FrameKind.Publish, Priority.Telemetry, _telemetryTopic, PayloadType.Telemetry, _telemetry.Length, 0, nowMs))
            {
                ReportsDropped++;
                return;
            }

            TelemetrySent++;
        }

        private void SendAck(ulong commander, ulong frameSequence, uint commandSequence, MotionVerdict verdict, long nowMs)
        {
            int payloadOffset = FrameCodec.PayloadOffset(0);
            if (MotionAckCodec.Encode(frameSequence, commandSequence, verdict, _frame, payloadOffset, _frame.Length - payloadOffset) != FrameError.None
                || !SendFrame(FrameKind.Ack, Priority.Motion, commander, MotionAckCodec.PayloadType, MotionAckCodec.Length, 0, nowMs))
            {
                ReportsDropped++;
                return;
            }

            AcksSent++;
        }

        /// <summary>Writes the header in front of the payload already in <see cref="_frame"/> and hands the frame to the link.</summary>
        private bool SendFrame(FrameKind kind, Priority priority, ulong destination, ushort payloadType, int payloadLength, byte flags, long nowMs)
        {
            var header = new FrameHeader();
            header.Flags = flags;
            header.Kind = kind;
            header.Security = SecurityMode.Mac;
            header.Priority = priority;
            header.HopLimit = (byte)_provisioning.Radio.HopLimit;
            header.HopCount = 0;
            header.Sender = _self;
            header.Sequence = _sequenceBase | ++_sequence;
            header.TimestampMs = (ulong)(nowMs - _bootMs); // no wall clock on the node: uptime; the gateway re-stamps
            header.Destination = destination;
            header.PayloadType = payloadType;
            header.PayloadLength = payloadLength;
            if (FrameCodec.EncodeHeader(ref header, _frame, 0, _frame.Length) != FrameError.None)
            {
                return false;
            }

            return _link.Send(_frame, 0, header.FrameLength) == LinkSendResult.Queued;
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Link;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>
    /// A listener on the segment with the segment key, where a gateway would stand: it runs the same
    /// <see cref="SegmentLink"/> on its own simulated radio, records every node's heartbeats, telemetry and
    /// acknowledgements, and sends MotionCommands to a node's motion topic. The tests and
    /// <c>edgemesh firmware-sim</c> use it to see what reaches the edge of the segment.
    /// </summary>
    public sealed class SegmentProbe : ISegmentReceiver
    {
        private readonly Dictionary<ulong, int> _heartbeats = new Dictionary<ulong, int>();
        private readonly Dictionary<ulong, int> _telemetry = new Dictionary<ulong, int>();
        private readonly Dictionary<ulong, int> _maxHops = new Dictionary<ulong, int>();
        private readonly Dictionary<ulong, Heartbeat> _lastHeartbeat = new Dictionary<ulong, Heartbeat>();
        private readonly List<(ulong Node, ulong FrameSequence, uint CommandSequence, MotionVerdict Verdict)> _acks = new();
        private readonly byte[] _frame = new byte[255];
        private readonly int _maxFrameLength;
        private readonly int _hopLimit;
        private ulong _sequence;

        /// <summary>Puts the probe at (<paramref name="x"/>, <paramref name="y"/>) with the segment's key and radio settings.</summary>
        public SegmentProbe(SimulatedAir air, EventScheduler clock, ulong id, byte[] segmentKey, RadioSettings radio, double x, double y)
        {
            Id = id;
            Radio = new SimulatedRadio(radio.Chip, air, clock, x, y);
            RadioResult opened = Radio.Open(radio);
            if (opened != RadioResult.Ok)
            {
                throw new System.InvalidOperationException("the probe's simulated " + radio.Chip + " did not come up: " + opened);
            }

            Link = new SegmentLink(Radio.Driver, new NodeId(id), segmentKey, FirmwareOptions.For(radio).Link, this, clock.NowMicroseconds / 1000);
            Link.Start();
            _maxFrameLength = FirmwareOptions.For(radio).Link.MaxFrameLength;
            _hopLimit = radio.HopLimit;
            _sequence = 1UL << 32;
        }

        /// <summary>The probe's node id.</summary>
        public ulong Id { get; }

        /// <summary>Its radio.</summary>
        public SimulatedRadio Radio { get; }

        /// <summary>Its radio link (counters).</summary>
        public SegmentLink Link { get; }

        /// <summary>Acknowledgements received, in order.</summary>
        public IReadOnlyList<(ulong Node, ulong FrameSequence, uint CommandSequence, MotionVerdict Verdict)> Acks
        {
            get { return _acks; }
        }

        /// <summary>Heartbeats received from <paramref name="node"/>.</summary>
        public int HeartbeatsFrom(ulong node)
        {
            return _heartbeats.TryGetValue(node, out int n) ? n : 0;
        }

        /// <summary>Telemetry reports received from <paramref name="node"/>.</summary>
        public int TelemetryFrom(ulong node)
        {
            return _telemetry.TryGetValue(node, out int n) ? n : 0;
        }

        /// <summary>Most hops any frame from <paramref name="node"/> had travelled when it arrived (0: heard directly).</summary>
        public int MaxHopsFrom(ulong node)
        {
            return _maxHops.TryGetValue(node, out int n) ? n : -1;
        }

        /// <summary>The last heartbeat of <paramref name="node"/>, if any.</summary>
        public bool TryGetLastHeartbeat(ulong node, out Heartbeat heartbeat)
        {
            return _lastHeartbeat.TryGetValue(node, out heartbeat);
        }

        /// <summary>Services the probe's link.</summary>
        public void Tick(long nowMs)
        {
            Link.Service(nowMs);
        }

        /// <summary>Sends a MotionCommand to <paramref name="node"/>'s motion topic, asking for an acknowledgement; returns the frame's sequence.</summary>
        public ulong SendMotion(ulong node, MotionCommand command, long nowMs)
        {
            int payload = FrameCodec.PayloadOffset(0);
            if (MotionCommandCodec.Encode(command, _frame, payload, _maxFrameLength - payload - WireFormat.MacLength, out int length) != FrameError.None)
            {
                throw new System.ArgumentException("motion command does not encode", nameof(command));
            }

            var header = new FrameHeader
            {
                Flags = FrameFlags.AckRequested,
                Kind = FrameKind.Publish,
                Security = SecurityMode.Mac,
                Priority = Priority.Motion,
                HopLimit = (byte)_hopLimit,
                Sender = new NodeId(Id),
                Sequence = ++_sequence,
                TimestampMs = (ulong)nowMs,
                Destination = TopicId.FromName(FirmwareTopics.MotionFor(node)),
                PayloadType = PayloadType.MotionCommand,
                PayloadLength = length,
            };
            FrameCodec.EncodeHeader(ref header, _frame, 0, _frame.Length);
            LinkSendResult sent = Link.Send(_frame, 0, header.FrameLength);
            if (sent != LinkSendResult.Queued)
            {
                throw new System.InvalidOperationException("the probe's link refused the command: " + sent);
            }

            return header.Sequence;
        }

        /// <inheritdoc />
        public void OnFrame(ref FrameHeader header, byte[] frame, int frameOffset, long nowMs)
        {
            ulong sender = header.Sender.Value;
            _maxHops[sender] = System.Math.Max(MaxHopsFrom(sender), header.HopCount);
            int payload = FrameCodec.PayloadOffset(frameOffset);
            if (header.PayloadType == PayloadType.Heartbeat
                && HeartbeatCodec.Decode(frame, payload, header.PayloadLength, out Heartbeat heartbeat) == FrameError.None)
            {
                _heartbeats[sender] = HeartbeatsFrom(sender) + 1;
                _lastHeartbeat[sender] = heartbeat;
            }
            else if (header.PayloadType == PayloadType.Telemetry)
            {
                _telemetry[sender] = TelemetryFrom(sender) + 1;
            }
            else if (header.Kind == FrameKind.Ack && header.PayloadType == MotionAckCodec.PayloadType
                && MotionAckCodec.Decode(frame, payload, header.PayloadLength, out ulong frameSequence, out uint commandSequence, out MotionVerdict verdict) == FrameError.None)
            {
                _acks.Add((sender, frameSequence, commandSequence, verdict));
            }
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Link;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Host.Gateway
{
    /// <summary>
    /// The radio side of a gateway (docs/firmware.md §11), sans-IO apart from its radio driver: a
    /// <see cref="SegmentLink"/> with the segment key (MAC, replay window, flooding, duty cycle)
    /// that admits only provisioned node ids, hands their heartbeats, telemetry and motion
    /// acknowledgements to an <see cref="IMeshUplink"/>, and carries MotionCommands from the mesh onto
    /// the radio. The downlink keeps one pending command per node (a newer one replaces it: only the
    /// latest command matters to a robot) in a bounded table; every refusal and drop is counted.
    /// Not yet wired into the daemon. Single-threaded: the caller's loop owns it.
    /// </summary>
    public sealed class SegmentGateway : ISegmentReceiver
    {
        /// <summary>Topic acknowledgements from node ID are published on: robot/ID/motion/ack.</summary>
        public const string AckTopicSuffix = "/ack";

        private readonly HashSet<ulong> _provisioned;
        private readonly Dictionary<ulong, string> _ackTopics = new Dictionary<ulong, string>();
        private readonly Dictionary<ulong, MotionCommand> _pending = new Dictionary<ulong, MotionCommand>();
        private readonly Queue<ulong> _pendingOrder = new Queue<ulong>();
        private readonly IMeshUplink _uplink;
        private readonly byte[] _frame;
        private readonly int _maxPending;
        private readonly int _hopLimit;
        private readonly ulong _sequenceBase;
        private uint _sequence;

        /// <summary>Starts the radio side for <paramref name="provisionedNodes"/>; at most <paramref name="maxPendingCommands"/> commands wait.</summary>
        public SegmentGateway(IPacketRadio radio, ulong gatewayId, byte[] segmentKey, RadioSettings settings, IEnumerable<ulong> provisionedNodes,
            IMeshUplink uplink, uint bootCount, int maxPendingCommands, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(radio);
            ArgumentNullException.ThrowIfNull(settings);
            ArgumentNullException.ThrowIfNull(uplink);
            ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingCommands, 1);
            Id = gatewayId;
            _uplink = uplink;
            _provisioned = new HashSet<ulong>(provisionedNodes);
            _maxPending = maxPendingCommands;
            _hopLimit = settings.HopLimit;
            _sequenceBase = (ulong)bootCount << 32;
            FirmwareOptions options = FirmwareOptions.For(settings);
            _frame = new byte[options.Link.MaxFrameLength];
            foreach (ulong node in _provisioned)
            {
                _ackTopics[node] = FirmwareTopics.MotionFor(node) + AckTopicSuffix;
            }

            Link = new SegmentLink(radio, new NodeId(gatewayId), segmentKey, options.Link, this, nowMs);
            Link.Start();
        }

        /// <summary>The gateway's radio-side node id.</summary>
        public ulong Id { get; }

        /// <summary>The radio link (its counters: MAC failures, replays, duty cycle, queue).</summary>
        public SegmentLink Link { get; }

        /// <summary>Authentic frames from node ids that are not provisioned on this segment (dropped).</summary>
        public long NotProvisioned { get; private set; }

        /// <summary>Heartbeats, telemetry and acknowledgements handed to the mesh.</summary>
        public long Uplinked { get; private set; }

        /// <summary>Frames the mesh side refused (dropped).</summary>
        public long UplinkRefused { get; private set; }

        /// <summary>Delivered frames of kinds the gateway does not carry.</summary>
        public long Ignored { get; private set; }

        /// <summary>Commands accepted from the mesh for the radio.</summary>
        public long CommandsAccepted { get; private set; }

        /// <summary>Pending commands replaced by a newer one for the same node before they went out.</summary>
        public long CommandsReplaced { get; private set; }

        /// <summary>Commands refused: node not provisioned, pending table full, or the radio link refused the frame.</summary>
        public long CommandsRefused { get; private set; }

        /// <summary>Commands handed to the radio link.</summary>
        public long CommandsSent { get; private set; }

        /// <summary>Commands waiting for room on the radio link.</summary>
        public int PendingCommands
        {
            get { return _pending.Count; }
        }

        /// <summary>Queues a MotionCommand from the mesh for radio node <paramref name="node"/>; false (counted) when refused.</summary>
        public bool SubmitMotion(ulong node, MotionCommand command)
        {
            if (!_provisioned.Contains(node))
            {
                CommandsRefused++;
                return false;
            }

            if (_pending.ContainsKey(node))
            {
                _pending[node] = command;
                CommandsReplaced++;
                CommandsAccepted++;
                return true;
            }

            if (_pending.Count >= _maxPending)
            {
                CommandsRefused++;
                return false;
            }

            _pending[node] = command;
            _pendingOrder.Enqueue(node);
            CommandsAccepted++;
            return true;
        }

        /// <summary>Services the radio and moves pending commands onto it while its transmit queue has room.</summary>
        public void Service(long nowMs)
        {
            Link.Service(nowMs);
            while (_pendingOrder.Count > 0 && Link.QueuedFrames < 2)
            {
                ulong node = _pendingOrder.Dequeue();
                MotionCommand command = _pending[node];
                _pending.Remove(node);
                if (SendMotion(node, command, nowMs))
                {
                    CommandsSent++;
                }
                else
                {
                    CommandsRefused++;
                }
            }

            Link.Service(nowMs);
        }

        /// <inheritdoc />
        public void OnFrame(ref FrameHeader header, byte[] frame, int frameOffset, long nowMs)
        {
            ulong sender = header.Sender.Value;
            if (!_provisioned.Contains(sender))
            {
                NotProvisioned++;
                return;
            }

            string? topic = null;
            if (header.Kind == FrameKind.Publish && header.PayloadType == PayloadType.Heartbeat)
            {
                topic = FirmwareTopics.Heartbeat;
            }
            else if (header.Kind == FrameKind.Publish && header.PayloadType == PayloadType.Telemetry)
            {
                topic = FirmwareTopics.Telemetry;
            }
            else if (header.Kind == FrameKind.Ack && header.Destination == Id && header.PayloadType == MotionAckCodec.PayloadType)
            {
                topic = _ackTopics[sender];
            }

            if (topic == null)
            {
                Ignored++;
                return;
            }

            var payload = new ReadOnlySpan<byte>(frame, FrameCodec.PayloadOffset(frameOffset), header.PayloadLength);
            if (_uplink.Publish(topic, header.PayloadType, payload, sender, header.Sequence))
            {
                Uplinked++;
            }
            else
            {
                UplinkRefused++;
            }
        }

        private bool SendMotion(ulong node, MotionCommand command, long nowMs)
        {
            int payload = FrameCodec.PayloadOffset(0);
            if (MotionCommandCodec.Encode(command, _frame, payload, _frame.Length - payload - WireFormat.MacLength, out int length) != FrameError.None)
            {
                return false;
            }

            var header = new FrameHeader
            {
                Flags = FrameFlags.AckRequested,
                Kind = FrameKind.Publish,
                Security = SecurityMode.Mac,
                Priority = Priority.Motion,
                HopLimit = (byte)_hopLimit,
                Sender = new NodeId(Id),
                Sequence = _sequenceBase | ++_sequence,
                TimestampMs = (ulong)nowMs,
                Destination = TopicId.FromName(FirmwareTopics.MotionFor(node)),
                PayloadType = PayloadType.MotionCommand,
                PayloadLength = length,
            };
            return FrameCodec.EncodeHeader(ref header, _frame, 0, _frame.Length) == FrameError.None
                && Link.Send(_frame, 0, header.FrameLength) == LinkSendResult.Queued;
        }
    }
}

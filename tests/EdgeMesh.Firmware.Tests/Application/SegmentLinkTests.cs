using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Link;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Firmware.Tests.Support;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Tests.Application
{
    /// <summary>The radio link's security and bounds, on loopback radios.</summary>
    public sealed class SegmentLinkTests
    {
        [Fact]
        public void Frames_of_the_segment_are_delivered_once_and_foreign_or_tampered_ones_are_counted_and_dropped()
        {
            var radioA = new LoopbackRadio(255);
            var radioB = new LoopbackRadio(255);
            var radioForeign = new LoopbackRadio(255);
            LoopbackRadio.Connect(radioA, radioB, radioForeign);
            var a = TestNodes.OnLoopback(TestNodes.Provisioning(0xA1), radioA, 0).Node;
            var receiver = new RecordingReceiver();
            NodeProvisioning bProvisioning = TestNodes.Provisioning(0xB2);
            var linkB = new SegmentLink(radioB, new NodeId(0xB2), bProvisioning.SegmentKey, FirmwareOptions.For(bProvisioning.Radio).Link, receiver, 0);
            var foreign = TestNodes.OnLoopback(TestNodes.Provisioning(0xF0, keySeed: 200), radioForeign, 0).Node;

            for (long t = 0; t <= 25_000; t += 5)
            {
                a.Tick(t);
                linkB.Service(t);
                foreign.Tick(t);
            }

            for (long t = 25_005; t <= 50_000; t += 5)
            {
                a.Tick(t); // the foreign node is quiet now: the last packet B read is A's
                linkB.Service(t);
            }

            Assert.True(receiver.Frames > 0);
            Assert.Equal(0, receiver.FromSender(0xF0));
            Assert.True(linkB.MacFailures > 0, "the foreign node's frames should have failed the MAC check");
            Assert.Equal(receiver.Frames, linkB.Delivered);

            // The same packet again: a duplicate for the flooder, not a second delivery.
            long delivered = linkB.Delivered;
            radioB.Inject(radioB.LastPacket, radioB.LastPacketLength);
            linkB.Service(50_010);
            Assert.Equal(delivered, linkB.Delivered);
            Assert.True(linkB.Flooder.Duplicates > 0);

            // One payload bit changed on the air: the MAC fails.
            long macFailures = linkB.MacFailures;
            byte[] tampered = (byte[])radioB.LastPacket.Clone();
            tampered[WireFormat.HeaderLength] ^= 0x01;
            radioB.Inject(tampered, radioB.LastPacketLength);
            linkB.Service(50_020);
            Assert.Equal(macFailures + 1, linkB.MacFailures);
            Assert.Equal(delivered, linkB.Delivered);
        }

        [Fact]
        public void A_full_transmit_queue_drops_and_counts_instead_of_growing()
        {
            var radio = new LoopbackRadio(255);
            LoopbackRadio.Connect(radio);
            NodeProvisioning p = TestNodes.Provisioning(0xA1);
            var options = FirmwareOptions.For(p.Radio).Link;
            var link = new SegmentLink(radio, new NodeId(0xA1), p.SegmentKey, options, new RecordingReceiver(), 0);
            int queued = 0;
            for (int i = 0; i < options.TransmitSlots + 3; i++)
            {
                byte[] frame = Frame(0xA1, (ulong)i + 1);
                queued += link.Send(frame, 0, frame.Length) == LinkSendResult.Queued ? 1 : 0;
            }

            Assert.Equal(options.TransmitSlots, queued);
            Assert.Equal(3, link.QueueFull);
            Assert.Equal(LinkSendResult.TooLarge, link.Send(new byte[300], 0, 300));
            Assert.Equal(LinkSendResult.Invalid, link.Send(new byte[60], 0, 60));
        }

        [Fact]
        public void Duty_cycle_holds_frames_back_until_airtime_is_earned()
        {
            var radio = new LoopbackRadio(255);
            LoopbackRadio.Connect(radio);
            NodeProvisioning p = TestNodes.Provisioning(0xA1);
            var options = FirmwareOptions.For(p.Radio).Link;
            options.DutyCyclePerMille = 1;      // 0.1 %
            options.DutyCycleWindowMs = 20_000; // 20 ms of airtime per 20 s
            var link = new SegmentLink(radio, new NodeId(0xA1), p.SegmentKey, options, new RecordingReceiver(), 0);
            byte[] first = Frame(0xA1, 1);      // loopback airtime: 1 ms + 0.1 ms per byte = 10.2 ms
            byte[] second = Frame(0xA1, 2);

            Assert.Equal(LinkSendResult.Queued, link.Send(first, 0, first.Length));
            Assert.Equal(LinkSendResult.Queued, link.Send(second, 0, second.Length));
            link.Service(0);
            Assert.Equal(1, radio.PacketsSent);
            link.Service(1);                    // first done; 9.8 ms left: the second waits
            Assert.Equal(1, radio.PacketsSent);
            Assert.Equal(1, link.DutyCycleDeferrals);
            link.Service(200);                  // + 0.2 ms: still short
            Assert.Equal(1, radio.PacketsSent);
            link.Service(1_000);                // + 1 ms: enough
            Assert.Equal(2, radio.PacketsSent);
        }

        [Fact]
        public void A_frame_longer_than_the_whole_allowance_goes_out_once_the_allowance_is_full()
        {
            var budget = new DutyCycleBudget(perMille: 1, windowMs: 10_000, nowMs: 0); // 10 ms per 10 s

            Assert.True(budget.TrySpend(15_000, 0));
            Assert.False(budget.TrySpend(15_000, 5_000));
            Assert.True(budget.TrySpend(15_000, 10_000));
        }

        private static byte[] Frame(ulong sender, ulong sequence)
        {
            byte[] payload = new byte[HeartbeatCodec.Length];
            Assert.Equal(FrameError.None, HeartbeatCodec.Encode(new Heartbeat(NodeStatus.Ok, 5000, 3700, 1, default), payload, 0, payload.Length, out int length));
            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = SecurityMode.Mac,
                Priority = Priority.Telemetry,
                HopLimit = 3,
                Sender = new NodeId(sender),
                Sequence = sequence,
                Destination = TopicId.FromName(FirmwareTopics.Heartbeat),
                PayloadType = PayloadType.Heartbeat,
                PayloadLength = length,
            };
            byte[] frame = new byte[header.FrameLength];
            Assert.Equal(FrameError.None, FrameCodec.Encode(ref header, payload, 0, length, frame, 0, frame.Length, out _));
            return frame;
        }

        /// <summary>Counts delivered frames by sender.</summary>
        private sealed class RecordingReceiver : ISegmentReceiver
        {
            private readonly System.Collections.Generic.Dictionary<ulong, int> _bySender = new();

            internal long Frames { get; private set; }

            internal int FromSender(ulong id) => _bySender.TryGetValue(id, out int n) ? n : 0;

            public void OnFrame(ref FrameHeader header, byte[] frame, int frameOffset, long nowMs)
            {
                Frames++;
                _bySender[header.Sender.Value] = FromSender(header.Sender.Value) + 1;
            }
        }
    }
}

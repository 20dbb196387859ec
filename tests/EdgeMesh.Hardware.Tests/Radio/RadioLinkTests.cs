using System.Linq;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Tests.Support;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Hardware.Tests.Radio
{
    /// <summary>Frames through real drivers, simulated chips and air, and the real pipeline and flooder.</summary>
    public sealed class RadioLinkTests
    {
        private static byte[] Payload(int n, byte seed)
        {
            var p = new byte[n];
            for (int i = 0; i < n; i++)
            {
                p[i] = (byte)(seed + i);
            }

            return p;
        }

        [Fact]
        public void A_frame_crosses_lora_between_two_links_and_the_echo_is_recognised()
        {
            var mesh = new LinkMesh();
            LinkMesh.Node a = mesh.AddLoRa(0);
            LinkMesh.Node b = mesh.AddLoRa(1000);
            byte[] payload = Payload(120, 1);

            Assert.Equal(FrameError.None, a.Link.Send(mesh.Frame(a, payload), 0, 38 + 120 + 16));
            mesh.Run(3000);

            Assert.Single(b.Sink.Frames);
            Assert.Equal(a.Id.Value, b.Sink.Frames[0].Sender);
            Assert.Equal(payload, b.Sink.Frames[0].Payload);
            Assert.Equal(1, b.Link.Counters.FramesDelivered);
            // B relayed it (hop limit 3); A heard its own frame back and did not deliver it.
            Assert.Equal(1, b.Link.Counters.RelaysSent);
            Assert.Empty(a.Sink.Frames);
            Assert.Equal(1, a.Link.Flooder.OwnEchoes);
        }

        [Fact]
        public void A_relay_carries_a_frame_to_a_node_out_of_the_senders_range()
        {
            var mesh = new LinkMesh();
            LinkMesh.Node a = mesh.AddLoRa(0);
            LinkMesh.Node b = mesh.AddLoRa(7000);
            LinkMesh.Node c = mesh.AddLoRa(14000);

            a.Link.Send(mesh.Frame(a, Payload(40, 9)), 0, 38 + 40 + 16);
            mesh.Run(5000);

            Assert.Single(c.Sink.Frames);
            Assert.Equal(1, c.Sink.Frames[0].HopCount);
            Assert.Equal(Payload(40, 9), c.Sink.Frames[0].Payload);
            Assert.Equal(1, b.Link.Counters.RelaysSent);
            Assert.True(mesh.Air.Transmissions >= 2);
        }

        [Fact]
        public void Frames_larger_than_the_nrf24_mtu_are_fragmented_and_reassembled()
        {
            var mesh = new LinkMesh();
            LinkMesh.Node a = mesh.AddNrf24(0);
            LinkMesh.Node b = mesh.AddNrf24(3);
            byte[] payload = Payload(100, 3);
            byte[] frame = mesh.Frame(a, payload, hopLimit: 1);

            Assert.Equal(FrameError.None, a.Link.Send(frame, 0, frame.Length));
            mesh.Run(200);

            Assert.Single(b.Sink.Frames);
            Assert.Equal(payload, b.Sink.Frames[0].Payload);
            Assert.True(a.Link.Counters.PacketsSent > 5, "packets: " + a.Link.Counters.PacketsSent);
            Assert.Equal(1, a.Link.Counters.FramesSent);
        }

        [Fact]
        public void A_node_with_another_segment_key_delivers_and_relays_nothing()
        {
            var mesh = new LinkMesh();
            LinkMesh.Node a = mesh.AddLoRa(0);
            LinkMesh.Node b = mesh.AddLoRa(500, key: "another-segment-key-of-32-bytes!"u8.ToArray());

            a.Link.Send(mesh.Frame(a, Payload(20, 0)), 0, 38 + 20 + 16);
            mesh.Run(3000);

            Assert.Empty(b.Sink.Frames);
            Assert.Equal(1, b.Link.Counters.FramesRejected);
            Assert.Equal(1, b.Link.Pipeline.Counters.Unauthenticated);
            Assert.Equal(0, b.Link.Counters.RelaysSent);
        }

        [Fact]
        public void Weaker_receptions_are_relayed_first()
        {
            var mesh = new LinkMesh();
            LinkMesh.Node a = mesh.AddLoRa(0);
            LinkMesh.Node near = mesh.AddLoRa(100);
            LinkMesh.Node far = mesh.AddLoRa(9000);

            a.Link.Send(mesh.Frame(a, Payload(10, 0)), 0, 38 + 10 + 16);
            long airtime = a.Radio.TimeOnAirMicroseconds(64) / 1000;
            mesh.Run(airtime + 20);

            Assert.Single(near.Sink.Frames);
            Assert.Single(far.Sink.Frames);
            Assert.True(far.Radio.LastSnrQuarterDb < near.Radio.LastSnrQuarterDb);
            Assert.True(far.Link.NextWakeMs < near.Link.NextWakeMs, "far " + far.Link.NextWakeMs + " near " + near.Link.NextWakeMs);
        }

        [Fact]
        public void The_duty_cycle_budget_defers_transmissions()
        {
            var mesh = new LinkMesh();
            // 10 % over 10 s: 1 s per window; the 154-byte packet (about 260 ms at SF7) sets the burst.
            var options = new RadioLinkOptions { DutyCyclePpm = 100000, DutyCycleWindowMs = 10000 };
            LinkMesh.Node a = mesh.AddLoRa(0, options);
            LinkMesh.Node b = mesh.AddLoRa(500);
            for (int i = 0; i < 3; i++)
            {
                a.Link.Send(mesh.Frame(a, Payload(100, (byte)i), hopLimit: 0), 0, 38 + 100 + 16);
            }

            mesh.Run(1000);
            long early = b.Sink.Frames.Count;
            mesh.Run(20000);

            Assert.True(a.Link.Counters.DutyCycleDeferrals > 0);
            Assert.True(early < 3, "all three went out within the first second");
            Assert.Equal(3, b.Sink.Frames.Count);
            // At most 1 s per 10 s window: three packets need more than one window.
            Assert.Equal(3 * a.Radio.TimeOnAirMicroseconds(154), a.Link.Budget.UsedUs);
        }

        [Fact]
        public void A_full_transmit_queue_refuses_and_counts()
        {
            var mesh = new LinkMesh();
            LinkMesh.Node a = mesh.AddLoRa(0, new RadioLinkOptions { TransmitQueueCapacity = 2 });
            byte[] frame = mesh.Frame(a, Payload(10, 0));

            Assert.Equal(FrameError.None, a.Link.Send(frame, 0, frame.Length));
            Assert.Equal(FrameError.None, a.Link.Send(mesh.Frame(a, Payload(10, 1)), 0, frame.Length));
            Assert.Equal(FrameError.BufferTooSmall, a.Link.Send(mesh.Frame(a, Payload(10, 2)), 0, frame.Length));
            Assert.Equal(1, a.Link.Counters.QueueFull);
            Assert.Equal(FrameError.PayloadTooLarge, a.Link.Send(new byte[4096], 0, 4096));
        }

        [Fact]
        public void Garbage_packets_are_rejected_without_delivery()
        {
            var mesh = new LinkMesh();
            LinkMesh.Node a = mesh.AddLoRa(0);
            LinkMesh.Node b = mesh.AddLoRa(100);
            var junk = Enumerable.Range(0, 60).Select(i => (byte)(i * 37)).ToArray();
            junk[0] = 0x01;

            a.Radio.Send(junk, 0, junk.Length);
            mesh.Run(1000);

            Assert.Empty(b.Sink.Frames);
            Assert.Equal(1, b.Link.Counters.PacketsReceived);
            Assert.True(b.Link.Counters.FramesRejected + b.Link.Counters.ReassemblyRejects == 1);
        }
    }
}

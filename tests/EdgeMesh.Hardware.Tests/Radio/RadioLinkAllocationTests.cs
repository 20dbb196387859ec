using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Hardware.Tests.Support;

namespace EdgeMesh.Hardware.Tests.Radio
{
    /// <summary>Receiving, relaying and sending through the link allocates nothing once it runs.</summary>
    public sealed class RadioLinkAllocationTests
    {
        [Fact]
        public void Receive_relay_and_send_allocate_nothing_per_frame()
        {
            var scheduler = new EventScheduler();
            var chip = new Sx1276Model(new SimulatedAir(scheduler, 1), 0, 0) { Detached = true };
            var driver = new Sx127xDriver(chip, chip.Reset, scheduler);
            Assert.True(driver.Probe());
            Assert.Equal(RadioResult.Ok, driver.Configure(new LoRaSettings()));
            var sink = new CountingSink();
            var options = new RadioLinkOptions { DutyCyclePpm = AirtimeBudget.Unlimited };
            var mac = new FrameMac(LinkMesh.SegmentKey, 0, LinkMesh.SegmentKey.Length);
            var link = new RadioLink(driver, new NodeId(1), options, mac, sink, 77, 0);
            Assert.Equal(RadioResult.Ok, link.Start());

            var remote = new OutboundFramer(new NodeId(2), 1);
            var own = new OutboundFramer(new NodeId(1), 1);
            var sealer = new FrameMac(LinkMesh.SegmentKey, 0, LinkMesh.SegmentKey.Length);
            var heard = new byte[38 + 100 + 16];
            var mine = new byte[38 + 60 + 16];

            Assert.Equal(0, Rounds(10, scheduler, chip, link, remote, own, sealer, heard, mine));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int failures = Rounds(500, scheduler, chip, link, remote, own, sealer, heard, mine);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, failures);
            Assert.Equal(0, allocated);
            Assert.Equal(510, sink.Count);
            Assert.Equal(510, link.Counters.RelaysSent);
            Assert.Equal(1020, link.Counters.FramesSent);
        }

        /// <summary>Per round: a remote frame arrives and is relayed; an own frame is sent. Returns misbehaving steps (no assertions inside: they allocate).</summary>
        private static int Rounds(int rounds, EventScheduler scheduler, Sx1276Model chip, RadioLink link, OutboundFramer remote, OutboundFramer own, FrameMac sealer, byte[] heard, byte[] mine)
        {
            int failures = 0;
            for (int i = 0; i < rounds; i++)
            {
                failures += Seal(remote, sealer, heard, 100, scheduler.NowMicroseconds / 1000) ? 0 : 1;
                chip.Deliver(heard, heard.Length, -100, -3, false);
                link.Poll(scheduler.NowMicroseconds / 1000);

                // The relay falls due within the SNR window plus jitter; then it goes out.
                scheduler.RunUntil(scheduler.NowMicroseconds + 1000000);
                link.Poll(scheduler.NowMicroseconds / 1000);
                failures += link.Sending ? 0 : 1;
                chip.CompleteTransmit();
                link.Poll(scheduler.NowMicroseconds / 1000);

                failures += Seal(own, sealer, mine, 60, scheduler.NowMicroseconds / 1000) ? 0 : 1;
                failures += link.Send(mine, 0, mine.Length) == FrameError.None ? 0 : 1;
                link.Poll(scheduler.NowMicroseconds / 1000);
                chip.CompleteTransmit();
                link.Poll(scheduler.NowMicroseconds / 1000);
                failures += link.Sending ? 1 : 0;
            }

            return failures;
        }

        private static bool Seal(OutboundFramer framer, FrameMac mac, byte[] buffer, int payloadLength, long nowMs)
        {
            var header = new FrameHeader { Kind = FrameKind.Publish, Security = SecurityMode.Mac, Priority = Priority.Telemetry, HopLimit = 3, PayloadLength = payloadLength };
            buffer[FrameCodec.PayloadOffset(0)] = (byte)framer.NextSequence;
            return framer.Seal(ref header, buffer, 0, buffer.Length, nowMs, out int length) == FrameError.None
                && length == buffer.Length
                && mac.Seal(buffer, 0, length, out _) == MacResult.Ok;
        }

        private sealed class CountingSink : IFrameSink
        {
            internal int Count { get; private set; }

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                Count++;
            }
        }
    }
}

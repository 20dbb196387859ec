using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Boards;
using EdgeMesh.Firmware.Host.Simulation;
using EdgeMesh.Firmware.Memory;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Firmware.Tests.Support;
using Xunit.Abstractions;

namespace EdgeMesh.Firmware.Tests.Application
{
    /// <summary>The application's RAM reservation (≤ 16 KB by default) and its zero-allocation main loop.</summary>
    public sealed class RamAndAllocationTests
    {
        private readonly ITestOutputHelper _output;

        public RamAndAllocationTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Default_configuration_reserves_at_most_16_KB_and_the_report_matches_what_is_allocated()
        {
            foreach (RadioSettings radio in new[] { RadioSettings.DefaultSx1276(), RadioSettings.DefaultNrf24() })
            {
                NodeProvisioning p = TestNodes.Provisioning(0xA1);
                p.Radio = radio;
                var radioDouble = new LoopbackRadio(radio.Chip == EdgeMesh.Hardware.Radio.RadioChip.Sx1276 ? 255 : 32);
                var hardware = new NodeHardware(radioDouble, new SimulatedIna219(0x40, 100, 3700), new RecordingMotor(), new RecordingMotor(), new SimulatedReset());
                BoardProfile board = BoardCatalog.Find(BoardCatalog.Esp32S3Sx1276)!;
                FirmwareOptions options = FirmwareOptions.For(radio);

                long before = GC.GetAllocatedBytesForCurrentThread();
                var node = new FirmwareNode(p, board, hardware, options, 1, 0);
                long measured = GC.GetAllocatedBytesForCurrentThread() - before;

                RamReport ram = node.Ram;
                foreach (string line in ram.Lines())
                {
                    _output.WriteLine(radio.Chip + " " + line);
                }

                _output.WriteLine(radio.Chip + " measured on the host (with object headers): " + measured + " B");
                Assert.True(ram.TotalBytes <= RamReport.BudgetBytes, ram.TotalBytes + " B reserved");
                // The report counts array contents; the host's allocation adds 24-byte headers per
                // object and the topic strings, never less than the report (minus the provisioning's
                // key, which the node does not copy).
                Assert.InRange(measured, ram.TotalBytes - NodeProvisioning.SegmentKeyLength, ram.TotalBytes + 4096);
            }
        }

        [Fact]
        public void Main_loop_allocates_nothing_once_running()
        {
            var radioA = new LoopbackRadio(255);
            var radioB = new LoopbackRadio(255);
            LoopbackRadio.Connect(radioA, radioB);
            var a = TestNodes.OnLoopback(TestNodes.Provisioning(0xA1), radioA, 0);
            var b = TestNodes.OnLoopback(TestNodes.Provisioning(0xB2), radioB, 0);

            long t = 0;
            for (; t < 120_000; t += 5)
            {
                a.Node.Tick(t);
                b.Node.Tick(t);
                a.Node.Supervise(t);
                b.Node.Supervise(t);
            }

            long sentBefore = radioA.PacketsSent + radioB.PacketsSent;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (; t < 420_000; t += 5)
            {
                a.Node.Tick(t);
                b.Node.Tick(t);
                a.Node.Supervise(t);
                b.Node.Supervise(t);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(radioA.PacketsSent + radioB.PacketsSent - sentBefore >= 40, "the nodes should have exchanged heartbeats and telemetry meanwhile");
            Assert.True(b.Node.Link.Delivered > 20);
            Assert.Equal(0, allocated);
        }
    }
}

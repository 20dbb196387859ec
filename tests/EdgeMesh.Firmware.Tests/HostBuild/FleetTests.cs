using EdgeMesh.Firmware.Host.Simulation;
using Xunit.Abstractions;

namespace EdgeMesh.Firmware.Tests.HostBuild
{
    public sealed class FleetTests
    {
        private readonly ITestOutputHelper _output;

        public FleetTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void Smoke()
        {
            var fleet = new FirmwareFleet(new FirmwareFleetOptions { Nodes = 5 });
            fleet.RunFor(300_000);
            _output.WriteLine("range " + fleet.RangeMetres + " spacing " + fleet.Spacing);
            foreach (SimulatedBoard b in fleet.Boards)
            {
                var n = b.Node!;
                _output.WriteLine(n.Id + " hb " + n.HeartbeatsSent + " heard " + fleet.Probe.HeartbeatsFrom(n.Id.Value) + " hops " + fleet.Probe.MaxHopsFrom(n.Id.Value)
                    + " relays " + n.Link.RelaysQueued + " tx " + n.Link.FramesTransmitted + " rx " + n.Link.PacketsReceived + " defer " + n.Link.DutyCycleDeferrals + " full " + n.Link.QueueFull + " crc " + n.Link.CrcErrors + " ram " + n.Ram.TotalBytes);
            }

            _output.WriteLine("air tx " + fleet.Air.Transmissions + " coll " + fleet.Air.Collisions + " hd " + fleet.Air.HalfDuplexMisses);
        }
    }
}

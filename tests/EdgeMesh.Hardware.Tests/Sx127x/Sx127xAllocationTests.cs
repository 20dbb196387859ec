using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Hardware.Tests.Sx127x
{
    /// <summary>Sending and receiving allocates nothing once the driver is configured.</summary>
    public sealed class Sx127xAllocationTests
    {
        [Fact]
        public void Send_service_and_receive_allocate_nothing_per_packet()
        {
            var scheduler = new EventScheduler();
            var chip = new Sx1276Model(new SimulatedAir(scheduler, 1), 0, 0) { Detached = true };
            var driver = new Sx127xDriver(chip, chip.Reset, scheduler);
            Assert.True(driver.Probe());
            Assert.Equal(RadioResult.Ok, driver.Configure(new LoRaSettings()));
            driver.StartReceive();
            var payload = new byte[200];
            var buffer = new byte[255];

            Assert.Equal(0, Cycle(driver, chip, payload, buffer, 10));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int failures = Cycle(driver, chip, payload, buffer, 1000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, failures);
            Assert.Equal(0, allocated);
            Assert.Equal(1010, driver.Counters.PacketsSent);
            Assert.Equal(1010, driver.Counters.PacketsReceived);
        }

        /// <summary>Runs send/receive rounds and returns how many steps misbehaved (no assertions inside: they allocate).</summary>
        private static int Cycle(Sx127xDriver driver, Sx1276Model chip, byte[] payload, byte[] buffer, int rounds)
        {
            int failures = 0;
            for (int i = 0; i < rounds; i++)
            {
                payload[0] = (byte)i;
                failures += driver.Send(payload, 0, payload.Length) == RadioResult.Ok ? 0 : 1;
                chip.CompleteTransmit();
                failures += driver.Service() == RadioEvent.TransmitDone ? 0 : 1;
                chip.Deliver(payload, payload.Length, -80, 9.5, false);
                failures += driver.Service() == RadioEvent.PacketReceived ? 0 : 1;
                failures += driver.ReadPacket(buffer, 0, buffer.Length) == payload.Length && buffer[0] == (byte)i ? 0 : 1;
            }

            return failures;
        }
    }
}

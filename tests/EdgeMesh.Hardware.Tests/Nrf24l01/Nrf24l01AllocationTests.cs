using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Nrf24l01;

namespace EdgeMesh.Hardware.Tests.Nrf24l01
{
    /// <summary>Sending and receiving allocates nothing per packet once the driver is configured.</summary>
    public sealed class Nrf24l01AllocationTests
    {
        [Fact]
        public void Send_service_and_receive_allocate_nothing_per_packet()
        {
            var scheduler = new EventScheduler();
            var chip = new Nrf24l01Model(new SimulatedAir(scheduler, 1), 0, 0) { Detached = true };
            var driver = new Nrf24l01Driver(chip, chip.Ce, scheduler);
            Assert.True(driver.Probe());
            Assert.Equal(RadioResult.Ok, driver.Configure(new Nrf24Settings()));
            driver.StartReceive();
            var payload = new byte[32];
            var buffer = new byte[32];

            Assert.Equal(0, Cycle(driver, chip, payload, buffer, 10));
            long before = GC.GetAllocatedBytesForCurrentThread();
            int failures = Cycle(driver, chip, payload, buffer, 1000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, failures);
            Assert.Equal(0, allocated);
            Assert.Equal(1010, driver.Counters.PacketsSent);
            Assert.Equal(1010, driver.Counters.PacketsReceived);
        }

        /// <summary>Send/receive rounds; returns the misbehaving steps (no assertions inside: they allocate).</summary>
        private static int Cycle(Nrf24l01Driver driver, Nrf24l01Model chip, byte[] payload, byte[] buffer, int rounds)
        {
            int failures = 0;
            for (int i = 0; i < rounds; i++)
            {
                payload[0] = (byte)i;
                failures += driver.Send(payload, 0, payload.Length) == RadioResult.Ok ? 0 : 1;
                chip.CompleteTransmit();
                failures += driver.Service() == RadioEvent.TransmitDone ? 0 : 1;
                failures += chip.Inject(payload, payload.Length, 1) ? 0 : 1;
                failures += driver.Service() == RadioEvent.PacketReceived ? 0 : 1;
                failures += driver.ReadPacket(buffer, 0, buffer.Length) == payload.Length && buffer[0] == (byte)i ? 0 : 1;
            }

            return failures;
        }
    }
}

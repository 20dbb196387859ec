using System.Collections.Generic;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Nrf24l01;

namespace EdgeMesh.Hardware.Tests.Support
{
    /// <summary>Simulated nRF24L01+ chips on one air, each with the real driver.</summary>
    internal sealed class Nrf24Bench
    {
        internal Nrf24Bench(int seed = 1)
        {
            Scheduler = new EventScheduler();
            Air = new SimulatedAir(Scheduler, seed);
        }

        internal EventScheduler Scheduler { get; }

        internal SimulatedAir Air { get; }

        internal List<Nrf24l01Model> Chips { get; } = new List<Nrf24l01Model>();

        internal List<Nrf24l01Driver> Drivers { get; } = new List<Nrf24l01Driver>();

        /// <summary>Adds a node; by default it receives on pipe 1 at its own address and sends to <paramref name="destination"/>.</summary>
        internal Nrf24l01Driver Add(double x, byte own, byte destination, Nrf24Settings? settings = null)
        {
            var chip = new Nrf24l01Model(Air, x, 0);
            var driver = new Nrf24l01Driver(chip, chip.Ce, Scheduler);
            Assert.True(driver.Probe());
            settings ??= new Nrf24Settings();
            settings.Pipe1Address = new byte[] { own, 0x4D, 0x45, 0x53, 0x48 };
            settings.TransmitAddress = new byte[] { destination, 0x4D, 0x45, 0x53, 0x48 };
            Assert.Equal(RadioResult.Ok, driver.Configure(settings));
            Chips.Add(chip);
            Drivers.Add(driver);
            return driver;
        }

        internal List<(int Driver, RadioEvent Event)> Run(long untilUs)
        {
            var radios = new List<IPacketRadio>(Drivers);
            return AirRunner.Run(Scheduler, radios, i => !Chips[i].Irq.Read() || Drivers[i].IsTransmitting, untilUs);
        }
    }
}

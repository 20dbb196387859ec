using System.Collections.Generic;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Hardware.Tests.Support
{
    /// <summary>Simulated SX1276 chips on one air, each with the real driver over its SPI port.</summary>
    internal sealed class LoRaBench
    {
        internal LoRaBench(int seed = 1)
        {
            Scheduler = new EventScheduler();
            Air = new SimulatedAir(Scheduler, seed);
        }

        internal EventScheduler Scheduler { get; }

        internal SimulatedAir Air { get; }

        internal List<Sx1276Model> Chips { get; } = new List<Sx1276Model>();

        internal List<Sx127xDriver> Drivers { get; } = new List<Sx127xDriver>();

        internal Sx127xDriver Add(double x, LoRaSettings? settings = null)
        {
            var chip = new Sx1276Model(Air, x, 0);
            var driver = new Sx127xDriver(chip, chip.Reset, Scheduler);
            Assert.True(driver.Probe());
            Assert.Equal(RadioResult.Ok, driver.Configure(settings ?? new LoRaSettings()));
            Chips.Add(chip);
            Drivers.Add(driver);
            return driver;
        }

        /// <summary>Runs simulated time until <paramref name="untilUs"/>, servicing every driver whose DIO0 is high; returns the events seen per driver.</summary>
        internal List<(int Driver, RadioEvent Event)> Run(long untilUs)
        {
            var radios = new List<IPacketRadio>(Drivers);
            return AirRunner.Run(Scheduler, radios, i => Chips[i].Dio0.Read() || Drivers[i].IsTransmitting, untilUs);
        }
    }
}

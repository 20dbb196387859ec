using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Nrf24l01;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Firmware.Host.Simulation
{
    /// <summary>
    /// A board's radio in the host build: the register-level chip model on the simulated air and the
    /// real driver over its SPI port (SX1276 or nRF24L01+, as the board carries).
    /// </summary>
    public sealed class SimulatedRadio
    {
        private readonly Sx127xDriver? _sx;
        private readonly Nrf24l01Driver? _nrf;

        /// <summary>Puts a <paramref name="chip"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
        public SimulatedRadio(RadioChip chip, SimulatedAir air, EventScheduler clock, double x, double y)
        {
            Chip = chip;
            if (chip == RadioChip.Sx1276)
            {
                var model = new Sx1276Model(air, x, y);
                Model = model;
                _sx = new Sx127xDriver(model, model.Reset, clock);
                Driver = _sx;
            }
            else
            {
                var model = new Nrf24l01Model(air, x, y);
                Model = model;
                _nrf = new Nrf24l01Driver(model, model.Ce, clock);
                Driver = _nrf;
            }
        }

        /// <summary>Which chip.</summary>
        public RadioChip Chip { get; }

        /// <summary>The chip model on the air.</summary>
        public IAirTransceiver Model { get; }

        /// <summary>The real driver, as the firmware sees it.</summary>
        public IPacketRadio Driver { get; }

        /// <summary>Probes and configures the chip with provisioned settings.</summary>
        public RadioResult Open(RadioSettings settings)
        {
            return _sx != null ? Sx1276Setup.Open(_sx, settings) : Nrf24Setup.Open(_nrf!, settings);
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.Hardware.Linux;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Nrf24l01;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Hardware.Boards
{
    /// <summary>
    /// A board's radio, opened either on the Linux devices the board file names or on a simulated chip
    /// wired the same way, probed and configured from the board's frequency plan and power limit.
    /// </summary>
    public sealed class BoardRadio : IDisposable
    {
        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private IGpioPin? _irq;
        private bool _irqActiveHigh;

        private BoardRadio(BoardDefinition board, IHardwareClock clock, bool simulated)
        {
            Board = board;
            Clock = clock;
            Simulated = simulated;
        }

        /// <summary>The board.</summary>
        public BoardDefinition Board { get; }

        /// <summary>Clock the driver runs on (simulated time with <see cref="Simulated"/>).</summary>
        public IHardwareClock Clock { get; }

        /// <summary>True when the chip is a model on a <see cref="SimulatedAir"/>.</summary>
        public bool Simulated { get; }

        /// <summary>The chip the board declares.</summary>
        public RadioChip Chip { get; private set; }

        /// <summary>The driver as the link layer sees it.</summary>
        public IPacketRadio Radio { get; private set; } = null!;

        /// <summary>The SX127x driver, when the board has one.</summary>
        public Sx127xDriver? LoRa { get; private set; }

        /// <summary>The nRF24L01+ driver, when the board has one.</summary>
        public Nrf24l01Driver? Nrf24 { get; private set; }

        /// <summary>The simulated SX1276, when simulated.</summary>
        public Sx1276Model? LoRaModel { get; private set; }

        /// <summary>The simulated nRF24L01+, when simulated.</summary>
        public Nrf24l01Model? Nrf24Model { get; private set; }

        /// <summary>LoRa settings applied by <see cref="Configure"/>.</summary>
        public LoRaSettings? LoRaSettings { get; private set; }

        /// <summary>nRF24 settings applied by <see cref="Configure"/>.</summary>
        public Nrf24Settings? Nrf24Settings { get; private set; }

        /// <summary>True while the radio's interrupt line asks for service.</summary>
        public bool InterruptPending
        {
            get { return _irq != null && _irq.Read() == _irqActiveHigh; }
        }

        /// <summary>Opens the board's radio as a simulated chip at (x, y) on <paramref name="air"/>.</summary>
        public static BoardRadio OpenSimulated(BoardDefinition board, SimulatedAir air, double x, double y)
        {
            var radio = new BoardRadio(board, air.Scheduler, true);
            string chip = board.Radio?.Chip ?? "";
            if (chip == "sx1276")
            {
                var model = new Sx1276Model(air, x, y);
                radio.LoRaModel = model;
                radio.UseLoRa(model, model.Reset, model.Dio0);
            }
            else if (chip == "nrf24l01")
            {
                var model = new Nrf24l01Model(air, x, y);
                radio.Nrf24Model = model;
                radio.UseNrf24(model, model.Ce, model.Irq);
            }
            else
            {
                throw new ArgumentException("board " + board.Name + " has no known radio chip", nameof(board));
            }

            return radio;
        }

        /// <summary>Opens the board's radio on this Linux machine's spidev and gpiochip (throws <see cref="HardwareOpenException"/> with advice).</summary>
        public static BoardRadio OpenLinux(BoardDefinition board)
        {
            if (board.Platform != "linux" || board.Radio == null)
            {
                throw new ArgumentException("board " + board.Name + " is a " + board.Platform + " board: it runs the firmware, not the daemon", nameof(board));
            }

            RadioDefinition r = board.Radio;
            var radio = new BoardRadio(board, MonotonicClock.Shared, false);
            try
            {
                LinuxSpiDevice spi = LinuxSpiDevice.Open(r.SpiBus, r.ChipSelect, r.SpiClockHz);
                radio._owned.Add(spi);
                LinuxGpioController gpio = LinuxGpioController.Open(board.GpioChip);
                radio._owned.Add(gpio);
                Dictionary<string, int> pins = r.Pins ?? new Dictionary<string, int>();
                if (r.Chip == "sx1276")
                {
                    IGpioPin? reset = pins.TryGetValue("reset", out int resetLine) ? gpio.OpenPin(resetLine, PinMode.Output) : null;
                    reset?.Write(true);
                    radio.UseLoRa(spi, reset, gpio.OpenPin(pins["dio0"], PinMode.Input));
                }
                else
                {
                    radio.UseNrf24(spi, gpio.OpenPin(pins["ce"], PinMode.Output), gpio.OpenPin(pins["irq"], PinMode.InputPullUp));
                }
            }
            catch
            {
                radio.Dispose();
                throw;
            }

            return radio;
        }

        /// <summary>Probes the chip; <paramref name="report"/> says what answered.</summary>
        public bool Probe(out string report)
        {
            if (LoRa != null)
            {
                bool ok = LoRa.Probe();
                report = Sx127xVersion.Describe(LoRa.ChipVersion);
                return ok;
            }

            bool found = Nrf24!.Probe();
            report = found ? "nRF24L01+ (SETUP_AW read back as written; STATUS answers)" : "no nRF24L01+ answering: check CSN/CE wiring, 3.3 V supply and its decoupling capacitor";
            return found;
        }

        /// <summary>
        /// Configures the chip from the board: the plan's carrier (or <paramref name="frequencyHz"/>/
        /// channel override), power clamped to the board's limit.
        /// </summary>
        public RadioResult Configure(int powerDbm, long frequencyHz, int channel)
        {
            RadioDefinition r = Board.Radio!;
            int power = Math.Min(powerDbm, r.MaxPowerDbm);
            if (LoRa != null)
            {
                LoRaSettings = new LoRaSettings
                {
                    FrequencyHz = frequencyHz > 0 ? frequencyHz : r.FrequencyHz,
                    OutputPowerDbm = Math.Max(power, r.PaBoost ? 2 : -4),
                    UsePaBoost = r.PaBoost,
                };
                return LoRa.Configure(LoRaSettings);
            }

            Nrf24Settings = new Nrf24Settings
            {
                Channel = channel >= 0 ? channel : r.Channel,
                OutputPower = power >= 0 ? Nrf24OutputPower.ZeroDbm : power >= -6 ? Nrf24OutputPower.Minus6Dbm : power >= -12 ? Nrf24OutputPower.Minus12Dbm : Nrf24OutputPower.Minus18Dbm,
                // Mesh traffic is broadcast: every node listens on one shared address, no acknowledgements.
                AutoAck = false,
                TransmitAddress = new byte[] { 0xE5, 0x4D, 0x45, 0x53, 0x48 },
                Pipe1Address = new byte[] { 0xE5, 0x4D, 0x45, 0x53, 0x48 },
            };
            return Nrf24!.Configure(Nrf24Settings);
        }

        /// <summary>One line describing the applied settings.</summary>
        public string DescribeSettings()
        {
            if (LoRaSettings != null)
            {
                LoRaSettings s = LoRaSettings;
                return "LoRa " + (s.FrequencyHz / 1e6).ToString("F3", System.Globalization.CultureInfo.InvariantCulture) + " MHz, SF" + s.SpreadingFactor
                    + ", " + (LoRaTimeOnAir.BandwidthHz(s.Bandwidth) / 1000) + " kHz, CR 4/" + ((int)s.CodingRate + 4) + ", preamble " + s.PreambleLength
                    + ", sync 0x" + s.SyncWord.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + ", " + s.OutputPowerDbm + " dBm on " + (s.UsePaBoost ? "PA_BOOST" : "RFO")
                    + ", CRC " + (s.CrcOn ? "on" : "off") + ", LDRO " + (s.EffectiveLowDataRateOptimize ? "on" : "off");
            }

            if (Nrf24Settings != null)
            {
                Nrf24Settings s = Nrf24Settings;
                string rate = s.DataRate == Nrf24DataRate.Rate2Mbps ? "2 Mbps" : s.DataRate == Nrf24DataRate.Rate250kbps ? "250 kbps" : "1 Mbps";
                return "nRF24 channel " + s.Channel + " (" + (2400 + s.Channel) + " MHz), " + rate + ", " + (-18 + (6 * (int)s.OutputPower)) + " dBm, "
                    + s.AddressWidth + "-byte addresses, CRC " + s.CrcBytes + " B, " + (s.AutoAck ? "auto-ack " + s.RetransmitCount + " x " + s.RetransmitDelayMicroseconds + " us" : "no auto-ack (broadcast)")
                    + ", " + (s.DynamicPayload ? "dynamic payloads" : "static " + s.StaticPayloadWidth + " B");
            }

            return "not configured";
        }

        /// <inheritdoc />
        public void Dispose()
        {
            for (int i = _owned.Count - 1; i >= 0; i--)
            {
                _owned[i].Dispose();
            }

            _owned.Clear();
        }

        private void UseLoRa(ISpiDevice spi, IGpioPin? reset, IGpioPin dio0)
        {
            Chip = RadioChip.Sx1276;
            LoRa = new Sx127xDriver(spi, reset, Clock);
            Radio = LoRa;
            _irq = dio0;
            _irqActiveHigh = true;
        }

        private void UseNrf24(ISpiDevice spi, IGpioPin ce, IGpioPin irq)
        {
            Chip = RadioChip.Nrf24l01Plus;
            Nrf24 = new Nrf24l01Driver(spi, ce, Clock);
            Radio = Nrf24;
            _irq = irq;
            _irqActiveHigh = false;
        }
    }
}

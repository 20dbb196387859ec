using System.Collections.Generic;

namespace EdgeMesh.Hardware.Boards
{
    /// <summary>The radio of a board: chip, wiring, frequency plan and limits.</summary>
    public sealed class RadioDefinition
    {
        /// <summary>sx1276 or nrf24l01.</summary>
        public string? Chip { get; set; }

        /// <summary>SPI bus the radio is on.</summary>
        public int SpiBus { get; set; }

        /// <summary>Chip select of the radio on that bus.</summary>
        public int ChipSelect { get; set; }

        /// <summary>SPI clock, Hz.</summary>
        public int SpiClockHz { get; set; } = 4000000;

        /// <summary>Control lines: reset, dio0 (SX1276); ce, irq (nRF24L01+).</summary>
        public Dictionary<string, int>? Pins { get; set; }

        /// <summary>SX1276 antenna on PA_BOOST (true) or RFO.</summary>
        public bool PaBoost { get; set; } = true;

        /// <summary>Regulatory plan: EU868, US915, EU433 or ISM2400.</summary>
        public string? Region { get; set; }

        /// <summary>LoRa carrier, Hz.</summary>
        public long FrequencyHz { get; set; }

        /// <summary>nRF24L01+ channel (2400 + n MHz).</summary>
        public int Channel { get; set; } = -1;

        /// <summary>Highest conducted power this board may use, dBm.</summary>
        public int MaxPowerDbm { get; set; }

        /// <summary>Antenna gain, dBi (counts against the region's radiated limit).</summary>
        public double AntennaGainDbi { get; set; }
    }
}

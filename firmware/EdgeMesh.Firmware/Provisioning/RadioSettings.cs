using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Provisioning
{
    /// <summary>
    /// The radio part of a node's provisioning: which chip and how it is tuned. LoRa fields apply to
    /// the SX1276, channel and data rate to the nRF24L01+. Every node of a segment must share them.
    /// </summary>
    public sealed class RadioSettings
    {
        /// <summary>LoRa carrier frequency limits of the SX1276 (137–1020 MHz).</summary>
        public const uint MinFrequencyHz = 137000000;

        /// <summary>Upper LoRa carrier frequency limit.</summary>
        public const uint MaxFrequencyHz = 1020000000;

        /// <summary>The chip the board carries.</summary>
        public RadioChip Chip { get; set; }

        /// <summary>LoRa carrier frequency, Hz (EU868 default 869.525 MHz).</summary>
        public uint FrequencyHz { get; set; }

        /// <summary>LoRa bandwidth, Hz (one of the SX1276's steps, 7 800 .. 500 000).</summary>
        public uint BandwidthHz { get; set; }

        /// <summary>LoRa spreading factor, 6..12.</summary>
        public int SpreadingFactor { get; set; }

        /// <summary>LoRa coding rate denominator: 5..8 for 4/5..4/8.</summary>
        public int CodingRateDenominator { get; set; }

        /// <summary>Transmit power, dBm (SX1276 PA_BOOST 2..20; nRF24L01+ -18..0).</summary>
        public int TxPowerDbm { get; set; }

        /// <summary>nRF24L01+ RF channel, 0..125 (2400 + n MHz).</summary>
        public int RfChannel { get; set; }

        /// <summary>nRF24L01+ air data rate: 0 = 250 kbit/s, 1 = 1 Mbit/s, 2 = 2 Mbit/s.</summary>
        public int DataRateCode { get; set; }

        /// <summary>Hop limit of frames this node originates (1..15; radio segments use 3).</summary>
        public int HopLimit { get; set; }

        /// <summary>Share of airtime the node may use, per mille (EU868 g3 sub-band: 100 = 10 %; g1: 10 = 1 %).</summary>
        public int DutyCyclePerMille { get; set; }

        /// <summary>The defaults for an SX1276 on EU868: 869.525 MHz (g3 sub-band, 10 % duty cycle), 125 kHz, SF7, 4/5, 14 dBm, 3 hops.</summary>
        public static RadioSettings DefaultSx1276()
        {
            var settings = new RadioSettings();
            settings.Chip = RadioChip.Sx1276;
            settings.FrequencyHz = 869525000;
            settings.BandwidthHz = 125000;
            settings.SpreadingFactor = 7;
            settings.CodingRateDenominator = 5;
            settings.TxPowerDbm = 14;
            settings.HopLimit = 3;
            settings.DutyCyclePerMille = 100;
            return settings;
        }

        /// <summary>The defaults for an nRF24L01+: channel 76, 1 Mbit/s, 0 dBm, 3 hops, no duty-cycle rule (2.4 GHz ISM).</summary>
        public static RadioSettings DefaultNrf24()
        {
            var settings = new RadioSettings();
            settings.Chip = RadioChip.Nrf24l01Plus;
            settings.RfChannel = 76;
            settings.DataRateCode = 1;
            settings.TxPowerDbm = 0;
            settings.HopLimit = 3;
            settings.DutyCyclePerMille = 1000;
            return settings;
        }

        /// <summary>True when every field is inside what <see cref="Chip"/> supports.</summary>
        public bool IsValid()
        {
            if (HopLimit < 1 || HopLimit > 15 || DutyCyclePerMille < 1 || DutyCyclePerMille > 1000)
            {
                return false;
            }

            if (Chip == RadioChip.Sx1276)
            {
                return FrequencyHz >= MinFrequencyHz && FrequencyHz <= MaxFrequencyHz
                    && IsLoRaBandwidth(BandwidthHz)
                    && SpreadingFactor >= 6 && SpreadingFactor <= 12
                    && CodingRateDenominator >= 5 && CodingRateDenominator <= 8
                    && TxPowerDbm >= 2 && TxPowerDbm <= 20;
            }

            if (Chip == RadioChip.Nrf24l01Plus)
            {
                return RfChannel >= 0 && RfChannel <= 125 && DataRateCode >= 0 && DataRateCode <= 2
                    && TxPowerDbm >= -18 && TxPowerDbm <= 0;
            }

            return false;
        }

        /// <summary>The SX1276's bandwidth steps (datasheet §4.1.1.4, RegModemConfig1).</summary>
        public static bool IsLoRaBandwidth(uint hz)
        {
            return hz == 7800 || hz == 10400 || hz == 15600 || hz == 20800 || hz == 31250 || hz == 41700
                || hz == 62500 || hz == 125000 || hz == 250000 || hz == 500000;
        }
    }
}

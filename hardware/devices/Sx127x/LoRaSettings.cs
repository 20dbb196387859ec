namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>
    /// Modem settings of an SX127x in LoRa mode. The defaults are EdgeMesh's EU868 profile: 868.1 MHz,
    /// SF7, 125 kHz, 4/5, explicit header, CRC on, preamble 8, private sync word 0x12, 14 dBm on
    /// PA_BOOST. Both ends of a link must agree on everything but the power.
    /// </summary>
    public sealed class LoRaSettings
    {
        /// <summary>Carrier frequency, Hz.</summary>
        public long FrequencyHz { get; set; } = 868100000;

        /// <summary>Spreading factor 6..12 (6 needs an implicit header).</summary>
        public int SpreadingFactor { get; set; } = 7;

        /// <summary>Signal bandwidth.</summary>
        public LoRaBandwidth Bandwidth { get; set; } = LoRaBandwidth.Bw125kHz;

        /// <summary>Coding rate.</summary>
        public LoRaCodingRate CodingRate { get; set; } = LoRaCodingRate.Cr4_5;

        /// <summary>Programmed preamble length, symbols (the modem adds 4.25).</summary>
        public int PreambleLength { get; set; } = 8;

        /// <summary>Sync word: 0x12 private networks; 0x34 is LoRaWAN's.</summary>
        public byte SyncWord { get; set; } = 0x12;

        /// <summary>Output power, dBm (clamped by the board's limit before it reaches here).</summary>
        public int OutputPowerDbm { get; set; } = 14;

        /// <summary>True when the antenna is wired to PA_BOOST (most modules: RFM95, LilyGO, Heltec); false for RFO.</summary>
        public bool UsePaBoost { get; set; } = true;

        /// <summary>Payload CRC.</summary>
        public bool CrcOn { get; set; } = true;

        /// <summary>Implicit header (fixed length known to both ends).</summary>
        public bool ImplicitHeader { get; set; }

        /// <summary>When true (default) low data-rate optimisation follows the datasheet rule: on above 16 ms per symbol.</summary>
        public bool LowDataRateOptimizeAuto { get; set; } = true;

        /// <summary>Low data-rate optimisation when <see cref="LowDataRateOptimizeAuto"/> is false.</summary>
        public bool LowDataRateOptimize { get; set; }

        /// <summary>Whether low data-rate optimisation is in effect with these settings.</summary>
        public bool EffectiveLowDataRateOptimize
        {
            get
            {
                return LowDataRateOptimizeAuto
                    ? LoRaTimeOnAir.SymbolMicroseconds(SpreadingFactor, Bandwidth) > LoRaTimeOnAir.LowDataRateSymbolMicroseconds
                    : LowDataRateOptimize;
            }
        }

        /// <summary>Checks every field against the chip's ranges.</summary>
        public LoRaSettingsError Validate()
        {
            if (FrequencyHz < 137000000 || FrequencyHz > 1020000000)
            {
                return LoRaSettingsError.Frequency;
            }

            if (SpreadingFactor < 6 || SpreadingFactor > 12)
            {
                return LoRaSettingsError.SpreadingFactor;
            }

            if ((int)Bandwidth < 0 || (int)Bandwidth > 9)
            {
                return LoRaSettingsError.Bandwidth;
            }

            if ((int)CodingRate < 1 || (int)CodingRate > 4)
            {
                return LoRaSettingsError.CodingRate;
            }

            if (PreambleLength < 6 || PreambleLength > 65535)
            {
                return LoRaSettingsError.Preamble;
            }

            if (UsePaBoost ? (OutputPowerDbm < 2 || OutputPowerDbm > 20) : (OutputPowerDbm < -4 || OutputPowerDbm > 15))
            {
                return LoRaSettingsError.OutputPower;
            }

            if (SpreadingFactor == 6 && !ImplicitHeader)
            {
                return LoRaSettingsError.Sf6NeedsImplicitHeader;
            }

            return LoRaSettingsError.None;
        }

        /// <summary>Airtime of a packet with these settings, microseconds.</summary>
        public long TimeOnAirMicroseconds(int payloadLength)
        {
            return LoRaTimeOnAir.Microseconds(
                SpreadingFactor, Bandwidth, CodingRate, PreambleLength, payloadLength, CrcOn, ImplicitHeader, EffectiveLowDataRateOptimize);
        }
    }
}

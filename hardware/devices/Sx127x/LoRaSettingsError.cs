namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>Why <see cref="LoRaSettings.Validate"/> rejected a configuration.</summary>
    public enum LoRaSettingsError
    {
        /// <summary>Valid.</summary>
        None = 0,

        /// <summary>Carrier outside the SX1276's 137–1020 MHz.</summary>
        Frequency = 1,

        /// <summary>Spreading factor outside 6..12.</summary>
        SpreadingFactor = 2,

        /// <summary>Unknown bandwidth code.</summary>
        Bandwidth = 3,

        /// <summary>Unknown coding rate code.</summary>
        CodingRate = 4,

        /// <summary>Preamble outside 6..65535 symbols.</summary>
        Preamble = 5,

        /// <summary>Output power outside −4..15 dBm (RFO) or 2..20 dBm (PA_BOOST).</summary>
        OutputPower = 6,

        /// <summary>SF6 works only with an implicit header (DS §4.1.1.2).</summary>
        Sf6NeedsImplicitHeader = 7,
    }
}

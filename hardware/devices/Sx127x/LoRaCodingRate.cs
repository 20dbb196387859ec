namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>LoRa forward error correction; the value is the RegModemConfig1 CodingRate code (DS §6.4).</summary>
    public enum LoRaCodingRate
    {
        /// <summary>4/5.</summary>
        Cr4_5 = 1,

        /// <summary>4/6.</summary>
        Cr4_6 = 2,

        /// <summary>4/7.</summary>
        Cr4_7 = 3,

        /// <summary>4/8.</summary>
        Cr4_8 = 4,
    }
}

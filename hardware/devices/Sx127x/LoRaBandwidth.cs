namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>LoRa signal bandwidth; the value is the RegModemConfig1 Bw code (DS §6.4).</summary>
    public enum LoRaBandwidth
    {
        /// <summary>7.8 kHz.</summary>
        Bw7_8kHz = 0,

        /// <summary>10.4 kHz.</summary>
        Bw10_4kHz = 1,

        /// <summary>15.6 kHz.</summary>
        Bw15_6kHz = 2,

        /// <summary>20.8 kHz.</summary>
        Bw20_8kHz = 3,

        /// <summary>31.25 kHz.</summary>
        Bw31_25kHz = 4,

        /// <summary>41.7 kHz.</summary>
        Bw41_7kHz = 5,

        /// <summary>62.5 kHz.</summary>
        Bw62_5kHz = 6,

        /// <summary>125 kHz.</summary>
        Bw125kHz = 7,

        /// <summary>250 kHz.</summary>
        Bw250kHz = 8,

        /// <summary>500 kHz.</summary>
        Bw500kHz = 9,
    }
}

namespace EdgeMesh.Hardware.Nrf24l01
{
    /// <summary>Output power; the value is the RF_SETUP RF_PWR code (PS table 28).</summary>
    public enum Nrf24OutputPower
    {
        /// <summary>−18 dBm.</summary>
        Minus18Dbm = 0,

        /// <summary>−12 dBm.</summary>
        Minus12Dbm = 1,

        /// <summary>−6 dBm.</summary>
        Minus6Dbm = 2,

        /// <summary>0 dBm.</summary>
        ZeroDbm = 3,
    }
}

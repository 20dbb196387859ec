namespace EdgeMesh.Hardware.Nrf24l01
{
    /// <summary>Air data rate (RF_SETUP RF_DR_LOW / RF_DR_HIGH, PS table 28).</summary>
    public enum Nrf24DataRate
    {
        /// <summary>1 Mbps.</summary>
        Rate1Mbps = 0,

        /// <summary>2 Mbps.</summary>
        Rate2Mbps = 1,

        /// <summary>250 kbps (longest range).</summary>
        Rate250kbps = 2,
    }
}

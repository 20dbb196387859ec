namespace EdgeMesh.Hardware.Radio
{
    /// <summary>Radio chips the drivers know, as named in board files ("radio": { "chip": ... }).</summary>
    public enum RadioChip
    {
        /// <summary>Not identified.</summary>
        Unknown = 0,

        /// <summary>Semtech SX1276/77/78 LoRa transceiver (RegVersion 0x12).</summary>
        Sx1276 = 1,

        /// <summary>Nordic nRF24L01+ 2.4 GHz transceiver.</summary>
        Nrf24l01Plus = 2,
    }
}

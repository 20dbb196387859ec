namespace EdgeMesh.Hardware.Radio
{
    /// <summary>What <see cref="IPacketRadio.Service"/> found.</summary>
    public enum RadioEvent
    {
        /// <summary>Nothing pending.</summary>
        None = 0,

        /// <summary>The transmission ended (and, with acknowledgements, was acknowledged).</summary>
        TransmitDone = 1,

        /// <summary>The transmission failed: no acknowledgement after every retry (nRF24L01+ MAX_RT).</summary>
        TransmitFailed = 2,

        /// <summary>A packet with a valid CRC waits for <see cref="IPacketRadio.ReadPacket"/>.</summary>
        PacketReceived = 3,

        /// <summary>A packet arrived with a CRC error and was dropped (counted by the driver).</summary>
        CrcError = 4,
    }
}

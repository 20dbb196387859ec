namespace EdgeMesh.Hardware
{
    /// <summary>
    /// One SPI peripheral on a bus, with its chip select. Every call is one complete transaction: the
    /// implementation asserts chip select, clocks the bytes and releases it, so a driver never toggles
    /// CS itself and a register burst (address byte + data) must be passed as one buffer. Buffers are
    /// the caller's; implementations allocate nothing per call.
    /// </summary>
    public interface ISpiDevice
    {
        /// <summary>
        /// Clocks <paramref name="count"/> bytes out of <paramref name="write"/> while the same number
        /// of bytes is clocked into <paramref name="read"/> (full duplex). The two ranges may be the
        /// same array and offset (in-place transfer).
        /// </summary>
        void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count);

        /// <summary>Clocks bytes out and discards what comes back.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}

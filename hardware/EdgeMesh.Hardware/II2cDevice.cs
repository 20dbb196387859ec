namespace EdgeMesh.Hardware
{
    /// <summary>
    /// One I2C peripheral at a fixed 7-bit address on a bus. A NACK or bus error is a normal outcome on
    /// I2C (a sensor still booting, a loose wire), so transfers report it as false rather than throwing.
    /// </summary>
    public interface II2cDevice
    {
        /// <summary>The peripheral's 7-bit address.</summary>
        int Address { get; }

        /// <summary>Writes the bytes in one transaction; false on NACK or bus error.</summary>
        bool Write(byte[] buffer, int offset, int count);

        /// <summary>Reads exactly <paramref name="count"/> bytes; false on NACK or bus error.</summary>
        bool Read(byte[] buffer, int offset, int count);

        /// <summary>Write then read with a repeated start (register read); false on NACK or bus error.</summary>
        bool WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount);
    }
}

namespace EdgeMesh.Hardware
{
    /// <summary>
    /// A byte stream (UART, USB CDC, pseudo-terminal). Reads never block: they return what has
    /// arrived, so one loop can service the port, the radio and the timers.
    /// </summary>
    public interface ISerialPort
    {
        /// <summary>Bytes waiting to be read.</summary>
        int BytesToRead { get; }

        /// <summary>Copies up to <paramref name="count"/> received bytes; returns how many (0 when none arrived).</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Queues the bytes for transmission.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}

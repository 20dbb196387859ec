#if NANOFRAMEWORK_1_0
using System.Device.Spi;

namespace EdgeMesh.Hardware.NanoFramework
{
    /// <summary>
    /// <see cref="ISpiDevice"/> over nanoFramework.System.Device.Spi. The two SpanByte views are
    /// rebuilt per call because nanoFramework's SpanByte is a struct over the caller's array, so this
    /// allocates nothing.
    /// </summary>
    public sealed class NanoSpiDevice : ISpiDevice
    {
        private readonly SpiDevice _device;

        /// <summary>Wraps an opened device (chip select configured in its connection settings).</summary>
        public NanoSpiDevice(SpiDevice device)
        {
            _device = device;
        }

        /// <inheritdoc />
        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            _device.TransferFullDuplex(new SpanByte(write, writeOffset, count), new SpanByte(read, readOffset, count));
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            _device.Write(new SpanByte(buffer, offset, count));
        }
    }
}
#endif

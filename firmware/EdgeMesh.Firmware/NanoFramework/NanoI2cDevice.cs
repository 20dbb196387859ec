#if NANOFRAMEWORK_1_0
using System.Device.I2c;

namespace EdgeMesh.Firmware.NanoFramework
{
    /// <summary>
    /// <see cref="EdgeMesh.Hardware.II2cDevice"/> over nanoFramework.System.Device.I2c: a transfer that
    /// does not complete (NACK, bus error, clock stretch timeout) is reported as false, as the HAL asks.
    /// Compiled only by the .nfproj (the package is not restorable in the host build).
    /// </summary>
    public sealed class NanoI2cDevice : EdgeMesh.Hardware.II2cDevice
    {
        private readonly I2cDevice _device;

        /// <summary>Opens the peripheral at <paramref name="address"/> on bus <paramref name="bus"/>.</summary>
        public NanoI2cDevice(int bus, int address)
        {
            _device = I2cDevice.Create(new I2cConnectionSettings(bus, address, I2cBusSpeed.StandardMode));
            Address = address;
        }

        /// <inheritdoc />
        public int Address { get; }

        /// <inheritdoc />
        public bool Write(byte[] buffer, int offset, int count)
        {
            return _device.Write(new SpanByte(buffer, offset, count)).Status == I2cTransferStatus.FullTransfer;
        }

        /// <inheritdoc />
        public bool Read(byte[] buffer, int offset, int count)
        {
            return _device.Read(new SpanByte(buffer, offset, count)).Status == I2cTransferStatus.FullTransfer;
        }

        /// <inheritdoc />
        public bool WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
        {
            return _device.WriteRead(new SpanByte(write, writeOffset, writeCount), new SpanByte(read, readOffset, readCount)).Status == I2cTransferStatus.FullTransfer;
        }
    }
}
#endif

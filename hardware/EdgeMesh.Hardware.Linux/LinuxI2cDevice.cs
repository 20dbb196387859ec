using System;
using System.Device.I2c;
using System.IO;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary><see cref="II2cDevice"/> on /dev/i2c-N; a NACK (IOException from the kernel) is reported as false and counted.</summary>
    public sealed class LinuxI2cDevice : II2cDevice, IDisposable
    {
        private readonly I2cDevice _device;

        private LinuxI2cDevice(I2cDevice device, int address)
        {
            _device = device;
            Address = address;
        }

        /// <inheritdoc />
        public int Address { get; }

        /// <summary>Transfers that failed (NACK or bus error).</summary>
        public long Failures { get; private set; }

        /// <summary>Opens the 7-bit <paramref name="address"/> on bus <paramref name="bus"/>.</summary>
        public static LinuxI2cDevice Open(int bus, int address)
        {
            string path = DeviceDiagnostics.I2cPath(bus);
            if (address < 0x03 || address > 0x77)
            {
                throw new HardwareOpenException(path, "address 0x" + address.ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + " is outside the 7-bit range 0x03..0x77.", null);
            }

            DeviceDiagnostics.RequireDevice(path, DeviceDiagnostics.I2cAdvice, "i2c");
            try
            {
                return new LinuxI2cDevice(I2cDevice.Create(new I2cConnectionSettings(bus, address)), address);
            }
            catch (Exception e) when (e is not HardwareOpenException)
            {
                throw new HardwareOpenException(path, "open failed (" + e.Message + ").", e);
            }
        }

        /// <inheritdoc />
        public bool Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _device.Write(new ReadOnlySpan<byte>(buffer, offset, count));
                return true;
            }
            catch (IOException)
            {
                Failures++;
                return false;
            }
        }

        /// <inheritdoc />
        public bool Read(byte[] buffer, int offset, int count)
        {
            try
            {
                _device.Read(new Span<byte>(buffer, offset, count));
                return true;
            }
            catch (IOException)
            {
                Failures++;
                return false;
            }
        }

        /// <inheritdoc />
        public bool WriteRead(byte[] write, int writeOffset, int writeCount, byte[] read, int readOffset, int readCount)
        {
            try
            {
                _device.WriteRead(new ReadOnlySpan<byte>(write, writeOffset, writeCount), new Span<byte>(read, readOffset, readCount));
                return true;
            }
            catch (IOException)
            {
                Failures++;
                return false;
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _device.Dispose();
        }
    }
}

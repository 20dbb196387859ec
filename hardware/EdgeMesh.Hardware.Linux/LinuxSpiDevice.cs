using System;
using System.Device.Spi;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary><see cref="ISpiDevice"/> on /dev/spidevB.C (spidev; the kernel drives chip select per transfer).</summary>
    public sealed class LinuxSpiDevice : ISpiDevice, IDisposable
    {
        private readonly SpiDevice _device;
        private readonly string _path;

        private LinuxSpiDevice(SpiDevice device, string path)
        {
            _device = device;
            _path = path;
        }

        /// <summary>
        /// Opens bus <paramref name="bus"/>, chip select <paramref name="chipSelect"/> in SPI mode 0, MSB
        /// first (both radios use it). Throws <see cref="HardwareOpenException"/> naming the device and
        /// the likely cause.
        /// </summary>
        public static LinuxSpiDevice Open(int bus, int chipSelect, int clockHz)
        {
            string path = DeviceDiagnostics.SpiPath(bus, chipSelect);
            DeviceDiagnostics.RequireDevice(path, DeviceDiagnostics.SpiAdvice, "spi");
            try
            {
                var settings = new SpiConnectionSettings(bus, chipSelect)
                {
                    ClockFrequency = clockHz,
                    Mode = SpiMode.Mode0,
                    DataBitLength = 8,
                };
                // spidev opens the file and sets mode and speed lazily, on the first transfer; errors there are reported by Fail.
                return new LinuxSpiDevice(SpiDevice.Create(settings), path);
            }
            catch (Exception e) when (e is not HardwareOpenException)
            {
                throw new HardwareOpenException(path, "open failed (" + e.Message + "). " + DeviceDiagnostics.SpiAdvice, e);
            }
        }

        /// <inheritdoc />
        public void TransferFullDuplex(byte[] write, int writeOffset, byte[] read, int readOffset, int count)
        {
            try
            {
                _device.TransferFullDuplex(new ReadOnlySpan<byte>(write, writeOffset, count), new Span<byte>(read, readOffset, count));
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                throw Fail(e);
            }
        }

        /// <inheritdoc />
        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _device.Write(new ReadOnlySpan<byte>(buffer, offset, count));
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                throw Fail(e);
            }
        }

        private HardwareOpenException Fail(Exception e)
        {
            return new HardwareOpenException(_path, "SPI transfer failed (" + e.Message + "): not an spidev device, or the controller rejected mode 0 / the clock. " + DeviceDiagnostics.SpiAdvice, e);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _device.Dispose();
        }
    }
}

using System.IO;
using EdgeMesh.Hardware.Linux;

namespace EdgeMesh.Hardware.Tests.Linux
{
    /// <summary>Opening a device that is not there names the device and what to do about it.</summary>
    [Collection("DeviceRoot")]
    public sealed class DeviceOpenErrorTests
    {
        [Fact]
        public void Missing_devices_name_the_path_and_the_likely_cause()
        {
            string root = Directory.CreateTempSubdirectory("edgemesh-dev").FullName;
            string saved = DeviceDiagnostics.DeviceRoot;
            DeviceDiagnostics.DeviceRoot = root;
            try
            {
                HardwareOpenException spi = Assert.Throws<HardwareOpenException>(() => LinuxSpiDevice.Open(0, 1, 1000000));
                Assert.Equal(root + "/spidev0.1", spi.Device);
                Assert.Contains("dtparam=spi=on", spi.Message, StringComparison.Ordinal);
                Assert.Contains("jetson-io", spi.Message, StringComparison.Ordinal);

                HardwareOpenException gpio = Assert.Throws<HardwareOpenException>(() => LinuxGpioController.Open(4));
                Assert.Equal(root + "/gpiochip4", gpio.Device);
                Assert.Contains("gpiochip", gpio.Message, StringComparison.Ordinal);

                HardwareOpenException i2c = Assert.Throws<HardwareOpenException>(() => LinuxI2cDevice.Open(1, 0x76));
                Assert.Contains("i2c_arm=on", i2c.Message, StringComparison.Ordinal);

                HardwareOpenException address = Assert.Throws<HardwareOpenException>(() => LinuxI2cDevice.Open(1, 0x80));
                Assert.Contains("0x80", address.Message, StringComparison.Ordinal);

                HardwareOpenException serial = Assert.Throws<HardwareOpenException>(() => LinuxSerialPort.Open(root + "/ttyUSB0", 115200));
                Assert.Contains("ttyUSB", serial.Message, StringComparison.Ordinal);
            }
            finally
            {
                DeviceDiagnostics.DeviceRoot = saved;
                Directory.Delete(root, true);
            }
        }

        [Fact]
        public void A_device_file_that_is_not_spidev_fails_on_first_use_with_the_path_in_the_message()
        {
            string root = Directory.CreateTempSubdirectory("edgemesh-dev").FullName;
            string saved = DeviceDiagnostics.DeviceRoot;
            DeviceDiagnostics.DeviceRoot = root;
            try
            {
                File.WriteAllBytes(root + "/spidev0.0", new byte[1]);

                using LinuxSpiDevice device = LinuxSpiDevice.Open(0, 0, 1000000);
                HardwareOpenException e = Assert.Throws<HardwareOpenException>(() => device.Write(new byte[2], 0, 2));

                Assert.Contains("spidev0.0", e.Message, StringComparison.Ordinal);
            }
            finally
            {
                DeviceDiagnostics.DeviceRoot = saved;
                Directory.Delete(root, true);
            }
        }

        [Fact]
        public void The_monotonic_clock_advances_and_short_delays_are_bounded()
        {
            long start = MonotonicClock.Shared.NowMicroseconds;
            MonotonicClock.Shared.Delay(200);
            long elapsed = MonotonicClock.Shared.NowMicroseconds - start;

            Assert.InRange(elapsed, 200, 1000000);
        }
    }
}

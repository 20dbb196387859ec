using System;
using System.IO;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary>Turns "file missing" and "access denied" into advice for the board at hand.</summary>
    internal static class DeviceDiagnostics
    {
        /// <summary>Root of the device files; tests point it at a scratch directory.</summary>
        internal static string DeviceRoot { get; set; } = "/dev";

        internal static string SpiPath(int bus, int chipSelect)
        {
            return DeviceRoot + "/spidev" + bus + "." + chipSelect;
        }

        internal static string I2cPath(int bus)
        {
            return DeviceRoot + "/i2c-" + bus;
        }

        internal static string GpioChipPath(int chip)
        {
            return DeviceRoot + "/gpiochip" + chip;
        }

        /// <summary>Throws <see cref="HardwareOpenException"/> when <paramref name="path"/> does not exist or cannot be opened read-write.</summary>
        internal static void RequireDevice(string path, string missingAdvice, string groupName)
        {
            if (!File.Exists(path))
            {
                throw new HardwareOpenException(path, "no such device. " + missingAdvice, null);
            }

            try
            {
                using FileStream probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new HardwareOpenException(path, "permission denied. Add the service user to the '" + groupName + "' group (usermod -aG " + groupName + " USER) or run as root.", e);
            }
            catch (IOException e)
            {
                throw new HardwareOpenException(path, "cannot be opened (" + e.Message + "). Is another process using it?", e);
            }
        }

        internal const string SpiAdvice =
            "SPI is not enabled or the bus/chip-select is wrong. Raspberry Pi: add dtparam=spi=on to /boot/firmware/config.txt "
            + "(a second chip select on SPI1 needs dtoverlay=spi1-1cs) and reboot. Jetson: run sudo /opt/nvidia/jetson-io/jetson-io.py, "
            + "enable spi1 on the 40-pin header, reboot.";

        internal const string I2cAdvice =
            "I2C is not enabled or the bus number is wrong. Raspberry Pi: dtparam=i2c_arm=on in /boot/firmware/config.txt and reboot "
            + "(the header's bus is 1). Jetson: the 40-pin header's buses are 1 and 7.";

        internal const string GpioAdvice =
            "wrong gpiochip number. Raspberry Pi 4: gpiochip0; Raspberry Pi 5: gpiochip4 on kernels before 6.6.45, gpiochip0 after "
            + "(gpiodetect lists them); Jetson Orin: gpiochip0 (tegra234-gpio).";
    }
}

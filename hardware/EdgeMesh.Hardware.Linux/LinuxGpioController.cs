using System;
using System.Device.Gpio;
using System.Device.Gpio.Drivers;

namespace EdgeMesh.Hardware.Linux
{
    /// <summary>One gpiochip opened through libgpiod (System.Device.Gpio's LibGpiodDriver for an explicit chip).</summary>
    public sealed class LinuxGpioController : IDisposable
    {
        private readonly GpioController _controller;

        private LinuxGpioController(GpioController controller, int chip)
        {
            _controller = controller;
            Chip = chip;
        }

        /// <summary>The gpiochip number.</summary>
        public int Chip { get; }

        /// <summary>Opens /dev/gpiochip<paramref name="chip"/>; errors name the chip and the likely cause (libgpiod missing, wrong chip, permissions).</summary>
        public static LinuxGpioController Open(int chip)
        {
            string path = DeviceDiagnostics.GpioChipPath(chip);
            DeviceDiagnostics.RequireDevice(path, DeviceDiagnostics.GpioAdvice, "gpio");
            try
            {
                return new LinuxGpioController(new GpioController(new LibGpiodDriver(chip)), chip);
            }
            catch (DllNotFoundException e)
            {
                throw new HardwareOpenException(path, "libgpiod is not installed: apt-get install libgpiod2.", e);
            }
            catch (Exception e) when (e is not HardwareOpenException)
            {
                throw new HardwareOpenException(path, "open failed (" + e.Message + "). " + DeviceDiagnostics.GpioAdvice, e);
            }
        }

        /// <summary>Opens line <paramref name="line"/> of this chip in <paramref name="mode"/>.</summary>
        public IGpioPin OpenPin(int line, PinMode mode)
        {
            try
            {
                GpioPin pin = _controller.OpenPin(line, LinuxGpioPin.ToGpio(mode));
                return new LinuxGpioPin(_controller, pin, line);
            }
            catch (Exception e)
            {
                throw new HardwareOpenException(
                    DeviceDiagnostics.GpioChipPath(Chip) + " line " + line,
                    "cannot open the line (" + e.Message + "); it may be in use by another driver or the number is not a line of this chip.",
                    e);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _controller.Dispose();
        }
    }
}

#if NANOFRAMEWORK_1_0
using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Threading;
using EdgeMesh.Firmware.Application;
using EdgeMesh.Firmware.Boards;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.NanoFramework;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Firmware.NanoFramework
{
    /// <summary>
    /// The device entry point (compiled only by EdgeMesh.Firmware.nfproj): reads the provisioning
    /// record and boot counter from flash, routes the board's pins, opens the radio, battery monitor
    /// and motor outputs through the nanoFramework adapters, starts <see cref="FirmwareNode"/>, runs
    /// the watchdog on a Timer and the main loop on the main thread. The radio is polled every
    /// <see cref="LoopSleepMs"/> ms (a LoRa packet lasts tens of milliseconds or more).
    /// </summary>
    public static class DeviceProgram
    {
        /// <summary>Sleep between main-loop passes, ms.</summary>
        public const int LoopSleepMs = 2;

        /// <summary>How often the watchdog supervisor runs, ms.</summary>
        public const int SupervisorPeriodMs = 500;

        private static readonly NanoClock Clock = new NanoClock();

        /// <summary>Boots the node; never returns.</summary>
        public static void Main()
        {
            byte[] record = new byte[ProvisioningCodec.Length];
            int length = FlashConfig.ReadProvisioning(record);
            var boot = new FirmwareBoot();
            BootError error = boot.Load(record, 0, length);
            if (error != BootError.None)
            {
                Halt("not started: " + BootErrorText(error) + (error == BootError.NotProvisioned ? " (" + ProvisioningErrorText(boot.LastProvisioningError) + ")" : string.Empty));
            }

            BoardProfile board = boot.Board!;
            RoutePins(board);
            var gpio = new GpioController();
            IPacketRadio? radio = OpenRadio(board, boot.Provisioning.Radio, gpio);
            if (radio == null)
            {
                Halt("not started: the " + (board.Radio == RadioChip.Sx1276 ? "SX1276" : "nRF24L01+") + " on " + board.Name + " did not come up");
            }

            var hardware = new NodeHardware(
                radio!,
                new NanoI2cDevice(board.I2cBus, board.BatteryMonitorAddress),
                new GpioMotorChannel(new NanoGpioPin(gpio.OpenPin(board.LeftMotorPwmPin)), new NanoGpioPin(gpio.OpenPin(board.LeftMotorDirectionPin))),
                new GpioMotorChannel(new NanoGpioPin(gpio.OpenPin(board.RightMotorPwmPin)), new NanoGpioPin(gpio.OpenPin(board.RightMotorDirectionPin))),
                new NanoResetControl());
            FirmwareNode node = boot.Start(hardware, FlashConfig.NextBootCount(), NowMs());
            Console.WriteLine("edgemesh: node " + EdgeMesh.Protocol.Wire.Hex.FormatUInt64(node.Id.Value) + " on " + board.Name);
            string[] lines = node.Ram.Lines();
            for (int i = 0; i < lines.Length; i++)
            {
                Console.WriteLine("edgemesh: ram " + lines[i]);
            }

            var supervisor = new Timer(Supervise, node, SupervisorPeriodMs, SupervisorPeriodMs);
            while (true)
            {
                node.Tick(NowMs());
                Thread.Sleep(LoopSleepMs);
            }
        }

        private static long NowMs()
        {
            return Clock.NowMicroseconds / 1000;
        }

        private static void Supervise(object state)
        {
            ((FirmwareNode)state).Supervise(NowMs());
        }

        private static IPacketRadio? OpenRadio(BoardProfile board, RadioSettings settings, GpioController gpio)
        {
            var connection = new SpiConnectionSettings(board.SpiBus, board.RadioChipSelectPin);
            connection.ClockFrequency = 8000000;
            connection.Mode = SpiMode.Mode0;
            if (board.Radio == RadioChip.Nrf24l01Plus)
            {
                var nrf = new Nrf24l01Driver(new NanoSpiDevice(SpiDevice.Create(connection)), new NanoGpioPin(gpio.OpenPin(board.RadioResetOrEnablePin)), Clock);
                return Nrf24Setup.Open(nrf, settings) == RadioResult.Ok ? nrf : null;
            }

            var driver = new Sx127xDriver(new NanoSpiDevice(SpiDevice.Create(connection)), new NanoGpioPin(gpio.OpenPin(board.RadioResetOrEnablePin)), Clock);
            return Sx1276Setup.Open(driver, settings) == RadioResult.Ok ? driver : null;
        }

        private static void RoutePins(BoardProfile board)
        {
#if EDGEMESH_ESP32
            // ESP32 routes SPI and I2C through its GPIO matrix (nanoFramework.Hardware.Esp32).
            if (board.SpiClockPin >= 0)
            {
                nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.SpiClockPin, nanoFramework.Hardware.Esp32.DeviceFunction.SPI2_CLOCK);
                nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.SpiMisoPin, nanoFramework.Hardware.Esp32.DeviceFunction.SPI2_MISO);
                nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.SpiMosiPin, nanoFramework.Hardware.Esp32.DeviceFunction.SPI2_MOSI);
            }

            if (board.I2cDataPin >= 0)
            {
                nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.I2cDataPin, nanoFramework.Hardware.Esp32.DeviceFunction.I2C1_DATA);
                nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(board.I2cClockPin, nanoFramework.Hardware.Esp32.DeviceFunction.I2C1_CLOCK);
            }
#endif
        }

        private static void Halt(string message)
        {
            // Nothing is driven: the radio stays off (no key to authenticate with) and the motors idle.
            Console.WriteLine("edgemesh: " + message);
            Thread.Sleep(Timeout.Infinite);
        }

        private static string BootErrorText(BootError error)
        {
            switch (error)
            {
                case BootError.NotProvisioned:
                    return "not provisioned";
                case BootError.UnknownBoard:
                    return "the record names a board this image does not know";
                case BootError.RadioMismatch:
                    return "the record's radio is not the board's";
                default:
                    return "boot error " + ((int)error).ToString();
            }
        }

        private static string ProvisioningErrorText(ProvisioningError error)
        {
            // Enum names are not available on the device (no Enum.GetName); the number is in docs/firmware.md §3.
            return "provisioning error " + ((int)error).ToString();
        }
    }
}
#endif

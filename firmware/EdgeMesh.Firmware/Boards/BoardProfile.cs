using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Boards
{
    /// <summary>
    /// The pins and parts of one microcontroller board as the firmware uses them: the radio on its
    /// SPI bus, the battery monitor on I2C and the two motor outputs. Compiled into the image (a
    /// device has no JSON parser in its base library); the names and pins follow boards/.
    /// Pin numbers are the board's GPIO numbers as nanoFramework counts them (ESP32: GPIOn; STM32:
    /// port × 16 + pin, so PB0 is 16).
    /// </summary>
    public sealed class BoardProfile
    {
        internal BoardProfile(string name, string nanoTarget, RadioChip radio)
        {
            Name = name;
            NanoTarget = nanoTarget;
            Radio = radio;
            BatteryMonitorAddress = 0x40;
            ShuntMilliohms = 100;
        }

        /// <summary>Board name, as in boards/ and in the provisioning record.</summary>
        public string Name { get; }

        /// <summary>The nanoFramework firmware image for <c>nanoff --target</c>; empty when only community targets exist.</summary>
        public string NanoTarget { get; }

        /// <summary>The radio chip the board carries.</summary>
        public RadioChip Radio { get; }

        /// <summary>SPI bus of the radio (nanoFramework bus number, 1-based).</summary>
        public int SpiBus { get; set; }

        /// <summary>SPI clock pin, where the target routes SPI through its pin matrix (ESP32); -1 when fixed by the target.</summary>
        public int SpiClockPin { get; set; } = -1;

        /// <summary>SPI MISO pin (ESP32 pin matrix), or -1.</summary>
        public int SpiMisoPin { get; set; } = -1;

        /// <summary>SPI MOSI pin (ESP32 pin matrix), or -1.</summary>
        public int SpiMosiPin { get; set; } = -1;

        /// <summary>I2C data pin (ESP32 pin matrix), or -1.</summary>
        public int I2cDataPin { get; set; } = -1;

        /// <summary>I2C clock pin (ESP32 pin matrix), or -1.</summary>
        public int I2cClockPin { get; set; } = -1;

        /// <summary>Chip select of the radio.</summary>
        public int RadioChipSelectPin { get; set; }

        /// <summary>Reset line of the SX1276, or CE of the nRF24L01+.</summary>
        public int RadioResetOrEnablePin { get; set; }

        /// <summary>The radio's interrupt line (SX1276 DIO0, nRF24L01+ IRQ).</summary>
        public int RadioIrqPin { get; set; }

        /// <summary>I2C bus of the battery monitor (1-based).</summary>
        public int I2cBus { get; set; }

        /// <summary>7-bit address of the INA219-class battery monitor (0x40 with A0 = A1 = GND).</summary>
        public int BatteryMonitorAddress { get; set; }

        /// <summary>Shunt resistor of the battery monitor, milliohm.</summary>
        public int ShuntMilliohms { get; set; }

        /// <summary>Battery voltage read as 0 % state of charge, mV.</summary>
        public int BatteryEmptyMillivolts { get; set; }

        /// <summary>Battery voltage read as 100 % state of charge, mV.</summary>
        public int BatteryFullMillivolts { get; set; }

        /// <summary>PWM (or enable) output of the left motor driver.</summary>
        public int LeftMotorPwmPin { get; set; }

        /// <summary>Direction output of the left motor driver.</summary>
        public int LeftMotorDirectionPin { get; set; }

        /// <summary>PWM (or enable) output of the right motor driver.</summary>
        public int RightMotorPwmPin { get; set; }

        /// <summary>Direction output of the right motor driver.</summary>
        public int RightMotorDirectionPin { get; set; }

        /// <summary>Distance between the wheels, mm (turns the angular rate into wheel speeds).</summary>
        public int WheelTrackMm { get; set; }

        /// <summary>Wheel speed at full duty, mm/s.</summary>
        public int MaxWheelSpeedMmPerSecond { get; set; }
    }
}

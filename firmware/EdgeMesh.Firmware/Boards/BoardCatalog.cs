using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Boards
{
    /// <summary>
    /// The microcontroller boards this firmware image knows, named and wired as their files in
    /// boards/ (radio bus, chip select, reset/CE and IRQ lines); the battery monitor and motor pins
    /// are the firmware's own additions to those boards.
    /// </summary>
    public static class BoardCatalog
    {
        /// <summary>LilyGO T3-S3: ESP32-S3 with an on-board SX1276 (boards/esp32s3-lilygo-t3s3-sx1276.json).</summary>
        public const string Esp32S3Sx1276 = "esp32s3-lilygo-t3s3-sx1276";

        /// <summary>STM32F411 "Black Pill" with an nRF24L01+ on SPI1 (boards/stm32f411-blackpill-nrf24l01.json).</summary>
        public const string Stm32Nrf24 = "stm32f411-blackpill-nrf24l01";

        /// <summary>Short name accepted for <see cref="Esp32S3Sx1276"/>.</summary>
        public const string Esp32S3Sx1276Alias = "esp32s3-sx1276";

        /// <summary>Short name accepted for <see cref="Stm32Nrf24"/>.</summary>
        public const string Stm32Nrf24Alias = "stm32-nrf24l01";

        /// <summary>Every known board name (canonical names; the short aliases are accepted too).</summary>
        public static string[] Names()
        {
            return new string[] { Esp32S3Sx1276, Stm32Nrf24 };
        }

        /// <summary>The profile named <paramref name="name"/> (or its alias), or null when the image does not know it.</summary>
        public static BoardProfile? Find(string? name)
        {
            if (name == Esp32S3Sx1276 || name == Esp32S3Sx1276Alias)
            {
                var board = new BoardProfile(Esp32S3Sx1276, "ESP32_S3", RadioChip.Sx1276);
                board.SpiBus = 2; // FSPI
                board.SpiClockPin = 5;
                board.SpiMisoPin = 3;
                board.SpiMosiPin = 6;
                board.RadioChipSelectPin = 7;
                board.RadioResetOrEnablePin = 8;
                board.RadioIrqPin = 9;
                board.I2cBus = 1;
                board.I2cDataPin = 18;
                board.I2cClockPin = 17;
                board.BatteryEmptyMillivolts = 3300;
                board.BatteryFullMillivolts = 4200;
                board.LeftMotorPwmPin = 38;
                board.LeftMotorDirectionPin = 39;
                board.RightMotorPwmPin = 40;
                board.RightMotorDirectionPin = 41;
                board.WheelTrackMm = 160;
                board.MaxWheelSpeedMmPerSecond = 600;
                return board;
            }

            if (name == Stm32Nrf24 || name == Stm32Nrf24Alias)
            {
                // nanoFramework has no reference image for the F411; a community target is picked with nanoff --listtargets.
                var board = new BoardProfile(Stm32Nrf24, string.Empty, RadioChip.Nrf24l01Plus);
                board.SpiBus = 1;
                board.RadioChipSelectPin = 4;        // PA4 (CSN)
                board.RadioResetOrEnablePin = 16;    // PB0 (CE)
                board.RadioIrqPin = 17;              // PB1
                board.I2cBus = 1;                    // PB6 SCL, PB7 SDA
                board.BatteryEmptyMillivolts = 6600;
                board.BatteryFullMillivolts = 8400;
                board.LeftMotorPwmPin = 8;           // PA8 (TIM1_CH1)
                board.LeftMotorDirectionPin = 9;     // PA9
                board.RightMotorPwmPin = 10;         // PA10 (TIM1_CH3)
                board.RightMotorDirectionPin = 11;   // PA11
                board.WheelTrackMm = 220;
                board.MaxWheelSpeedMmPerSecond = 800;
                return board;
            }

            return null;
        }
    }
}

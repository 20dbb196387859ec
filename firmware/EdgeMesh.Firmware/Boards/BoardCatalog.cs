using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Boards
{
    /// <summary>The microcontroller boards this firmware image knows, by name.</summary>
    public static class BoardCatalog
    {
        /// <summary>ESP32-S3 with an SX1276 (LilyGO T3-S3 class): LoRa, 1S Li-ion battery.</summary>
        public const string Esp32S3Sx1276 = "esp32s3-sx1276";

        /// <summary>STM32 with an nRF24L01+ on SPI1: 2.4 GHz, 2S battery.</summary>
        public const string Stm32Nrf24 = "stm32-nrf24l01";

        /// <summary>Every known board name.</summary>
        public static string[] Names()
        {
            return new string[] { Esp32S3Sx1276, Stm32Nrf24 };
        }

        /// <summary>The profile named <paramref name="name"/>, or null when the image does not know it.</summary>
        public static BoardProfile? Find(string? name)
        {
            if (name == Esp32S3Sx1276)
            {
                var board = new BoardProfile(Esp32S3Sx1276, "ESP32_S3", RadioChip.Sx1276);
                board.SpiBus = 1;
                board.SpiClockPin = 5;
                board.SpiMisoPin = 3;
                board.SpiMosiPin = 6;
                board.I2cDataPin = 18;
                board.I2cClockPin = 17;
                board.RadioChipSelectPin = 7;
                board.RadioResetOrEnablePin = 8;
                board.RadioIrqPin = 9;
                board.I2cBus = 1;
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

            if (name == Stm32Nrf24)
            {
                var board = new BoardProfile(Stm32Nrf24, "ST_STM32F769I_DISCOVERY", RadioChip.Nrf24l01Plus);
                board.SpiBus = 2;
                board.RadioChipSelectPin = 16 + 4;   // PB4
                board.RadioResetOrEnablePin = 16 + 5; // PB5: CE
                board.RadioIrqPin = 32 + 6;          // PC6
                board.I2cBus = 1;
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

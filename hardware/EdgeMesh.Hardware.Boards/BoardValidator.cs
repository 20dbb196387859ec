using System.Collections.Generic;

namespace EdgeMesh.Hardware.Boards
{
    /// <summary>
    /// Checks a board definition: known platform and radio, the radio's bus and chip select exist,
    /// the control lines the driver needs are present, no line is used twice (bus lines included),
    /// the SPI clock suits the chip, the carrier lies in the region and the power within both the
    /// chip's and the region's limits. Returns every problem, one sentence each.
    /// </summary>
    public static class BoardValidator
    {
        /// <summary>Problems found; empty when the board is valid. <paramref name="fileName"/> (without .json) must match the name when given.</summary>
        public static List<string> Validate(BoardDefinition board, string? fileName)
        {
            var errors = new List<string>();
            if (string.IsNullOrWhiteSpace(board.Name))
            {
                errors.Add("name is missing");
            }
            else if (fileName != null && board.Name != fileName)
            {
                errors.Add("name '" + board.Name + "' differs from the file name '" + fileName + "'");
            }

            if (board.Platform != "linux" && board.Platform != "esp32" && board.Platform != "stm32")
            {
                errors.Add("platform '" + board.Platform + "' is not linux, esp32 or stm32");
            }

            var lines = new Dictionary<int, string>();
            var buses = new Dictionary<int, SpiBusDefinition>();
            foreach (SpiBusDefinition bus in board.Spi ?? new List<SpiBusDefinition>())
            {
                if (!buses.TryAdd(bus.Bus, bus))
                {
                    errors.Add("SPI bus " + bus.Bus + " is defined twice");
                }

                if (bus.ChipSelects == null || bus.ChipSelects.Count == 0)
                {
                    errors.Add("SPI bus " + bus.Bus + " has no chip selects");
                }

                foreach (KeyValuePair<string, int> pin in bus.Pins ?? new Dictionary<string, int>())
                {
                    Claim(lines, pin.Value, "spi" + bus.Bus + "." + pin.Key, errors);
                }
            }

            RadioDefinition? radio = board.Radio;
            if (radio == null)
            {
                errors.Add("radio is missing");
                return errors;
            }

            if (!buses.TryGetValue(radio.SpiBus, out SpiBusDefinition? radioBus))
            {
                errors.Add("radio is on SPI bus " + radio.SpiBus + ", which the board does not define");
            }
            else if (radioBus.ChipSelects == null || !radioBus.ChipSelects.Contains(radio.ChipSelect))
            {
                errors.Add("radio uses chip select " + radio.ChipSelect + ", which SPI bus " + radio.SpiBus + " does not offer");
            }

            foreach (KeyValuePair<string, int> pin in radio.Pins ?? new Dictionary<string, int>())
            {
                Claim(lines, pin.Value, "radio." + pin.Key, errors);
            }

            RegionPlan? region = RegionPlan.Find(radio.Region);
            if (region == null)
            {
                errors.Add("region '" + radio.Region + "' is not EU868, US915, EU433 or ISM2400");
            }

            switch (radio.Chip)
            {
                case "sx1276":
                    RequirePins(radio, errors, "dio0");
                    if (region != null && (radio.FrequencyHz < region.LowHz || radio.FrequencyHz > region.HighHz))
                    {
                        errors.Add("frequency " + radio.FrequencyHz + " Hz lies outside " + region.Name + " (" + region.LowHz + "–" + region.HighHz + " Hz)");
                    }

                    CheckPower(radio, region, radio.PaBoost ? 20 : 15, errors);
                    CheckClock(radio, 10000000, errors);
                    break;
                case "nrf24l01":
                    RequirePins(radio, errors, "ce", "irq");
                    if (radio.Channel < 0 || radio.Channel > 125)
                    {
                        errors.Add("channel " + radio.Channel + " is outside 0..125");
                    }
                    else if (region != null && (2400000000L + (radio.Channel * 1000000L) + 1000000L) > region.HighHz)
                    {
                        errors.Add("channel " + radio.Channel + " (" + (2400 + radio.Channel) + " MHz) lies outside " + region.Name);
                    }

                    CheckPower(radio, region, 0, errors);
                    CheckClock(radio, 10000000, errors);
                    break;
                default:
                    errors.Add("radio chip '" + radio.Chip + "' is not known (sx1276, nrf24l01)");
                    break;
            }

            return errors;
        }

        private static void Claim(Dictionary<int, string> lines, int line, string use, List<string> errors)
        {
            if (line < 0)
            {
                errors.Add(use + " has a negative line number");
                return;
            }

            if (lines.TryGetValue(line, out string? other))
            {
                errors.Add("line " + line + " is used by both " + other + " and " + use);
                return;
            }

            lines.Add(line, use);
        }

        private static void RequirePins(RadioDefinition radio, List<string> errors, params string[] names)
        {
            foreach (string name in names)
            {
                if (radio.Pins == null || !radio.Pins.ContainsKey(name))
                {
                    errors.Add(radio.Chip + " needs the '" + name + "' pin");
                }
            }
        }

        private static void CheckPower(RadioDefinition radio, RegionPlan? region, int chipMax, List<string> errors)
        {
            if (radio.MaxPowerDbm > chipMax)
            {
                errors.Add("maxPowerDbm " + radio.MaxPowerDbm + " exceeds what the " + radio.Chip + " delivers here (" + chipMax + " dBm)");
            }

            if (region != null && radio.MaxPowerDbm + radio.AntennaGainDbi > region.MaxEirpDbm)
            {
                errors.Add("maxPowerDbm " + radio.MaxPowerDbm + " with a " + radio.AntennaGainDbi + " dBi antenna exceeds " + region.Name + "'s " + region.MaxEirpDbm + " dBm EIRP");
            }
        }

        private static void CheckClock(RadioDefinition radio, int maxHz, List<string> errors)
        {
            if (radio.SpiClockHz <= 0 || radio.SpiClockHz > maxHz)
            {
                errors.Add("spiClockHz " + radio.SpiClockHz + " is outside 1.." + maxHz + " for the " + radio.Chip);
            }
        }
    }
}

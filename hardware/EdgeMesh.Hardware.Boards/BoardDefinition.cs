using System.Collections.Generic;

namespace EdgeMesh.Hardware.Boards
{
    /// <summary>One boards/NAME.json file: where the radio is wired and what it may do.</summary>
    public sealed class BoardDefinition
    {
        /// <summary>Board name; equals the file name without .json.</summary>
        public string? Name { get; set; }

        /// <summary>What the board is, for humans.</summary>
        public string? Description { get; set; }

        /// <summary>linux, esp32 or stm32.</summary>
        public string? Platform { get; set; }

        /// <summary>The system-on-chip (documentation).</summary>
        public string? Soc { get; set; }

        /// <summary>gpiochip number on Linux (the controller index elsewhere).</summary>
        public int GpioChip { get; set; }

        /// <summary>How pin numbers in this file are counted (documentation).</summary>
        public string? PinNumbering { get; set; }

        /// <summary>SPI buses the board exposes.</summary>
        public List<SpiBusDefinition>? Spi { get; set; }

        /// <summary>The radio.</summary>
        public RadioDefinition? Radio { get; set; }
    }
}

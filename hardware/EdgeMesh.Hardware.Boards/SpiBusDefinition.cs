using System.Collections.Generic;

namespace EdgeMesh.Hardware.Boards
{
    /// <summary>An SPI bus of a board and the lines it occupies.</summary>
    public sealed class SpiBusDefinition
    {
        /// <summary>Bus number (/dev/spidevB.C on Linux).</summary>
        public int Bus { get; set; }

        /// <summary>Hardware chip selects the bus offers.</summary>
        public List<int>? ChipSelects { get; set; }

        /// <summary>Lines used by the bus: sclk, mosi, miso, cs0, cs1 ...</summary>
        public Dictionary<string, int>? Pins { get; set; }
    }
}

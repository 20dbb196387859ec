namespace EdgeMesh.Firmware.Memory
{
    /// <summary>
    /// The RAM the application reserves at boot, item by item (buffers and tables; all allocated
    /// once, nothing later). Printed at boot on the device, by <c>edgemesh firmware-sim</c> on the host,
    /// and asserted against the 16 KB budget by the firmware tests.
    /// </summary>
    public sealed class RamReport
    {
        /// <summary>The budget for the default configuration, bytes.</summary>
        public const int BudgetBytes = 16 * 1024;

        private const int Capacity = 16;
        private readonly string[] _names = new string[Capacity];
        private readonly int[] _bytes = new int[Capacity];

        /// <summary>Items recorded.</summary>
        public int Count { get; private set; }

        /// <summary>Sum of all items, bytes.</summary>
        public int TotalBytes { get; private set; }

        /// <summary>Name of item <paramref name="index"/>.</summary>
        public string NameAt(int index)
        {
            return _names[index];
        }

        /// <summary>Bytes of item <paramref name="index"/>.</summary>
        public int BytesAt(int index)
        {
            return _bytes[index];
        }

        /// <summary>Records an item (ignored beyond the report's fixed capacity, which the code never reaches).</summary>
        public void Add(string name, int bytes)
        {
            if (Count < Capacity)
            {
                _names[Count] = name;
                _bytes[Count] = bytes;
                Count++;
                TotalBytes += bytes;
            }
        }

        /// <summary>One line per item and a total, for a console or a log.</summary>
        public string[] Lines()
        {
            string[] lines = new string[Count + 1];
            for (int i = 0; i < Count; i++)
            {
                lines[i] = _names[i] + ": " + _bytes[i].ToString() + " B";
            }

            lines[Count] = "total: " + TotalBytes.ToString() + " B of " + BudgetBytes.ToString() + " B";
            return lines;
        }
    }
}

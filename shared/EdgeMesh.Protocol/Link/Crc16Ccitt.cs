namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR
    /// (check value of ASCII "123456789" is 0x29B1). Table-driven: the 256-entry table (512 bytes)
    /// is built once per process. Stateless and thread-safe; callers pass valid ranges.
    /// </summary>
    public static class Crc16Ccitt
    {
        /// <summary>The register value before any byte is processed.</summary>
        public const ushort InitialValue = 0xFFFF;

        /// <summary>CRC of ASCII "123456789", the catalogue's check value.</summary>
        public const ushort CheckValue = 0x29B1;

        private const int Polynomial = 0x1021;

        private static readonly ushort[] Table = BuildTable();

        /// <summary>CRC of <paramref name="count"/> bytes starting at <paramref name="offset"/>.</summary>
        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            return Update(InitialValue, buffer, offset, count);
        }

        /// <summary>
        /// Continues a CRC over more bytes: <c>Update(Update(InitialValue, a), b)</c> equals the CRC
        /// of a followed by b, so a message can be checksummed in pieces as it arrives.
        /// </summary>
        public static ushort Update(ushort crc, byte[] buffer, int offset, int count)
        {
            ushort[] table = Table;
            int c = crc;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                c = ((c << 8) ^ table[((c >> 8) ^ buffer[i]) & 0xFF]) & 0xFFFF;
            }

            return (ushort)c;
        }

        /// <summary>Continues a CRC over one byte.</summary>
        public static ushort Update(ushort crc, byte value)
        {
            return (ushort)(((crc << 8) ^ Table[((crc >> 8) ^ value) & 0xFF]) & 0xFFFF);
        }

        private static ushort[] BuildTable()
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int c = i << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    c = (c & 0x8000) != 0 ? (c << 1) ^ Polynomial : c << 1;
                }

                table[i] = (ushort)(c & 0xFFFF);
            }

            return table;
        }
    }
}

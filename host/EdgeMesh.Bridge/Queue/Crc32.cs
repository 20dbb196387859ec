using System;

namespace EdgeMesh.Bridge.Queue
{
    /// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320): enough to tell a torn queue file from a whole one.</summary>
    internal static class Crc32
    {
        private static readonly uint[] Table = Build();

        internal static uint Compute(ReadOnlySpan<byte> data)
        {
            uint crc = 0xFFFFFFFFu;
            foreach (byte b in data)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return ~crc;
        }

        private static uint[] Build()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[i] = c;
            }

            return table;
        }
    }
}

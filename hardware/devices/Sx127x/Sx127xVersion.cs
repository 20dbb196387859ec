namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>Interprets RegVersion (0x42) for probe reports.</summary>
    public static class Sx127xVersion
    {
        /// <summary>True for the versions this driver runs on (SX1276/77/78 and their module variants).</summary>
        public static bool IsSupported(byte version)
        {
            return version == Sx127xRegisters.VersionSx1276 || version == 0x11 || version == 0x13;
        }

        /// <summary>A one-line explanation of the value read.</summary>
        public static string Describe(byte version)
        {
            switch (version)
            {
                case Sx127xRegisters.VersionSx1276:
                    return "SX1276/77/78 (RegVersion 0x12)";
                case 0x11:
                    return "SX1276-compatible module (RegVersion 0x11, seen on some RFM9x)";
                case 0x13:
                    return "SX1278 revision (RegVersion 0x13)";
                case Sx127xRegisters.VersionSx1272:
                    return "SX1272/73 (RegVersion 0x22): a different register layout, not supported by this driver";
                case 0x00:
                    return "no answer (RegVersion 0x00): check MISO wiring, chip select and the radio's power";
                case 0xFF:
                    return "no answer (RegVersion 0xFF): MISO floats high; check chip select, reset held low, SPI enabled";
                default:
                    return "unknown chip (RegVersion 0x" + Hex(version) + "): not an SX1276/77/78";
            }
        }

        private static string Hex(byte value)
        {
            const string digits = "0123456789ABCDEF";
            return new string(new char[] { digits[value >> 4], digits[value & 0x0F] });
        }
    }
}

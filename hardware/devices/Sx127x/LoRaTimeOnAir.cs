namespace EdgeMesh.Hardware.Sx127x
{
    /// <summary>
    /// LoRa time on air, DS §4.1.1.7 (also Semtech AN1200.13), in exact integer microseconds. Every
    /// LoRa bandwidth is 500 kHz divided by a whole number, so a symbol (2^SF / BW) is a whole number
    /// of microseconds and the 4.25-symbol preamble tail is exact when counted in quarter symbols; no
    /// floating point and no System.Math (absent from nanoFramework's mscorlib).
    /// </summary>
    public static class LoRaTimeOnAir
    {
        /// <summary>Symbol length above which low data-rate optimisation is mandatory (DS §4.1.1.6): 16 ms.</summary>
        public const long LowDataRateSymbolMicroseconds = 16000;

        /// <summary>500 kHz divided by these gives each bandwidth code's bandwidth (7.8 kHz = 500/64 ...).</summary>
        private static readonly int[] BandwidthDivisors = new int[] { 64, 48, 32, 24, 16, 12, 8, 4, 2, 1 };

        /// <summary>Bandwidth in Hz (rounded down for 10.4, 20.8 and 41.7 kHz).</summary>
        public static int BandwidthHz(LoRaBandwidth bandwidth)
        {
            return 500000 / BandwidthDivisors[(int)bandwidth];
        }

        /// <summary>One symbol, 2^SF / BW, microseconds.</summary>
        public static long SymbolMicroseconds(int spreadingFactor, LoRaBandwidth bandwidth)
        {
            // 2^SF / (500 kHz / d) s = 2^SF · d · 2 µs.
            return (1L << spreadingFactor) * BandwidthDivisors[(int)bandwidth] * 2;
        }

        /// <summary>Payload symbols (including the 8 of the header block): DS §4.1.1.7, equation for n_payload.</summary>
        public static int PayloadSymbols(int spreadingFactor, LoRaCodingRate codingRate, int payloadLength, bool crcOn, bool implicitHeader, bool lowDataRateOptimize)
        {
            int numerator = (8 * payloadLength) - (4 * spreadingFactor) + 28 + (crcOn ? 16 : 0) - (implicitHeader ? 20 : 0);
            int denominator = 4 * (spreadingFactor - (lowDataRateOptimize ? 2 : 0));
            int blocks = numerator <= 0 ? 0 : (numerator + denominator - 1) / denominator;
            return 8 + (blocks * ((int)codingRate + 4));
        }

        /// <summary>Preamble plus payload, microseconds.</summary>
        public static long Microseconds(
            int spreadingFactor,
            LoRaBandwidth bandwidth,
            LoRaCodingRate codingRate,
            int preambleLength,
            int payloadLength,
            bool crcOn,
            bool implicitHeader,
            bool lowDataRateOptimize)
        {
            long quarterSymbols = (4L * preambleLength) + 17
                + (4L * PayloadSymbols(spreadingFactor, codingRate, payloadLength, crcOn, implicitHeader, lowDataRateOptimize));
            return quarterSymbols * SymbolMicroseconds(spreadingFactor, bandwidth) / 4;
        }
    }
}

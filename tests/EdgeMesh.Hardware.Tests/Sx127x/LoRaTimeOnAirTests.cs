using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Hardware.Tests.Sx127x
{
    /// <summary>Time on air against the datasheet formula's worked values (explicit header, CRC on, CR 4/5).</summary>
    public sealed class LoRaTimeOnAirTests
    {
        [Theory]
        [InlineData(7, LoRaBandwidth.Bw125kHz, 8, 10, false, 41216)]
        [InlineData(7, LoRaBandwidth.Bw125kHz, 8, 255, false, 399616)]
        [InlineData(9, LoRaBandwidth.Bw125kHz, 8, 32, false, 246784)]
        [InlineData(12, LoRaBandwidth.Bw125kHz, 8, 51, true, 2465792)]
        [InlineData(12, LoRaBandwidth.Bw125kHz, 8, 255, true, 9019392)]
        [InlineData(11, LoRaBandwidth.Bw250kHz, 16, 50, false, 641024)]
        public void Matches_the_datasheet_vectors(int sf, LoRaBandwidth bw, int preamble, int length, bool ldro, long expectedUs)
        {
            var settings = new LoRaSettings { SpreadingFactor = sf, Bandwidth = bw, PreambleLength = preamble };

            Assert.Equal(ldro, settings.EffectiveLowDataRateOptimize);
            Assert.Equal(expectedUs, settings.TimeOnAirMicroseconds(length));
            Assert.Equal(expectedUs, LoRaTimeOnAir.Microseconds(sf, bw, LoRaCodingRate.Cr4_5, preamble, length, true, false, ldro));
        }

        [Fact]
        public void Symbol_lengths_are_exact_for_every_bandwidth()
        {
            Assert.Equal(1024, LoRaTimeOnAir.SymbolMicroseconds(7, LoRaBandwidth.Bw125kHz));
            Assert.Equal(32768, LoRaTimeOnAir.SymbolMicroseconds(12, LoRaBandwidth.Bw125kHz));
            Assert.Equal(128, LoRaTimeOnAir.SymbolMicroseconds(6, LoRaBandwidth.Bw500kHz));
            // 2^7 / 7812.5 Hz = 16.384 ms: SF7 at 7.8 kHz already needs LDRO.
            Assert.Equal(16384, LoRaTimeOnAir.SymbolMicroseconds(7, LoRaBandwidth.Bw7_8kHz));
            Assert.Equal(10416, LoRaTimeOnAir.BandwidthHz(LoRaBandwidth.Bw10_4kHz));
        }

        [Fact]
        public void Coding_rate_implicit_header_and_crc_change_the_payload_symbols()
        {
            // 10 bytes SF7: ceil((80 - 28 + 28 + 16) / 28) = 4 blocks.
            Assert.Equal(8 + (4 * 5), LoRaTimeOnAir.PayloadSymbols(7, LoRaCodingRate.Cr4_5, 10, true, false, false));
            Assert.Equal(8 + (4 * 8), LoRaTimeOnAir.PayloadSymbols(7, LoRaCodingRate.Cr4_8, 10, true, false, false));
            // Without CRC: ceil(80 / 28) = 3; implicit header too: ceil(60 / 28) = 3.
            Assert.Equal(8 + (3 * 5), LoRaTimeOnAir.PayloadSymbols(7, LoRaCodingRate.Cr4_5, 10, false, false, false));
            Assert.Equal(8 + (3 * 5), LoRaTimeOnAir.PayloadSymbols(7, LoRaCodingRate.Cr4_5, 10, false, true, false));
            // A tiny implicit packet at SF12 has a non-positive numerator: the header block only.
            Assert.Equal(8, LoRaTimeOnAir.PayloadSymbols(12, LoRaCodingRate.Cr4_5, 1, false, true, false));
        }

        [Fact]
        public void Forced_low_data_rate_setting_overrides_the_rule()
        {
            var settings = new LoRaSettings { SpreadingFactor = 7, LowDataRateOptimizeAuto = false, LowDataRateOptimize = true };

            Assert.True(settings.EffectiveLowDataRateOptimize);
            Assert.True(settings.TimeOnAirMicroseconds(200) > new LoRaSettings().TimeOnAirMicroseconds(200));
        }
    }
}

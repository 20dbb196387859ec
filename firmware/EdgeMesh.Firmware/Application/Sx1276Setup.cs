using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Sx127x;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>Brings up the SX1276 driver with a node's provisioned LoRa settings (device and host build alike).</summary>
    public static class Sx1276Setup
    {
        /// <summary>The driver settings for provisioned <paramref name="radio"/> settings (explicit header, CRC on, preamble 8).</summary>
        public static LoRaSettings ToLoRaSettings(RadioSettings radio)
        {
            var settings = new LoRaSettings();
            settings.FrequencyHz = radio.FrequencyHz;
            settings.SpreadingFactor = radio.SpreadingFactor;
            settings.Bandwidth = Bandwidth(radio.BandwidthHz);
            settings.CodingRate = (LoRaCodingRate)(radio.CodingRateDenominator - 4);
            settings.OutputPowerDbm = radio.TxPowerDbm;
            settings.UsePaBoost = true;
            settings.CrcOn = true;
            return settings;
        }

        /// <summary>Probes the chip and configures it; <see cref="RadioResult.NotReady"/> when no SX1276 answers.</summary>
        public static RadioResult Open(Sx127xDriver driver, RadioSettings radio)
        {
            if (!driver.Probe())
            {
                return RadioResult.NotReady;
            }

            return driver.Configure(ToLoRaSettings(radio));
        }

        private static LoRaBandwidth Bandwidth(uint hz)
        {
            if (hz <= 7800)
            {
                return LoRaBandwidth.Bw7_8kHz;
            }

            if (hz <= 10400)
            {
                return LoRaBandwidth.Bw10_4kHz;
            }

            if (hz <= 15600)
            {
                return LoRaBandwidth.Bw15_6kHz;
            }

            if (hz <= 20800)
            {
                return LoRaBandwidth.Bw20_8kHz;
            }

            if (hz <= 31250)
            {
                return LoRaBandwidth.Bw31_25kHz;
            }

            if (hz <= 41700)
            {
                return LoRaBandwidth.Bw41_7kHz;
            }

            if (hz <= 62500)
            {
                return LoRaBandwidth.Bw62_5kHz;
            }

            if (hz <= 125000)
            {
                return LoRaBandwidth.Bw125kHz;
            }

            return hz <= 250000 ? LoRaBandwidth.Bw250kHz : LoRaBandwidth.Bw500kHz;
        }
    }
}

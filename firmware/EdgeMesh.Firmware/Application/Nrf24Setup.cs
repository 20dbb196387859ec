using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>
    /// Brings up the nRF24L01+ driver for a radio segment: every node transmits to and listens on the
    /// same segment address with auto-acknowledge off, so a packet is a broadcast (several receivers
    /// acknowledging at once would collide; the flooder and the MAC do the rest).
    /// </summary>
    public static class Nrf24Setup
    {
        /// <summary>The address every node of an EdgeMesh segment uses ("EMSEG").</summary>
        private static readonly byte[] SegmentAddress = { 0x45, 0x4D, 0x53, 0x45, 0x47 };

        /// <summary>The driver settings for provisioned <paramref name="radio"/> settings.</summary>
        public static Nrf24Settings ToNrf24Settings(RadioSettings radio)
        {
            var settings = new Nrf24Settings();
            settings.Channel = radio.RfChannel;
            settings.DataRate = radio.DataRateCode == 0 ? Nrf24DataRate.Rate250kbps : (radio.DataRateCode == 2 ? Nrf24DataRate.Rate2Mbps : Nrf24DataRate.Rate1Mbps);
            settings.OutputPower = radio.TxPowerDbm <= -18 ? Nrf24OutputPower.Minus18Dbm
                : (radio.TxPowerDbm <= -12 ? Nrf24OutputPower.Minus12Dbm : (radio.TxPowerDbm <= -6 ? Nrf24OutputPower.Minus6Dbm : Nrf24OutputPower.ZeroDbm));
            settings.AutoAck = false;
            settings.RetransmitCount = 0;
            settings.DynamicPayload = true;
            settings.TransmitAddress = SegmentAddress;
            settings.Pipe1Address = SegmentAddress;
            return settings;
        }

        /// <summary>Probes the chip and configures it; <see cref="RadioResult.NotReady"/> when no nRF24L01+ answers.</summary>
        public static RadioResult Open(Nrf24l01Driver driver, RadioSettings radio)
        {
            if (!driver.Probe())
            {
                return RadioResult.NotReady;
            }

            return driver.Configure(ToNrf24Settings(radio));
        }
    }
}

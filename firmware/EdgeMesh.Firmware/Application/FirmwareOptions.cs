using EdgeMesh.Firmware.Link;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>Sizes and timing of the application beyond what provisioning sets.</summary>
    public sealed class FirmwareOptions
    {
        /// <summary>Frame size the LoRa relay timing is sized for (a heartbeat is 92 bytes with its MAC).</summary>
        internal const int TypicalFrameBytes = 100;

        /// <summary>Creates the defaults (the configuration the 16 KB RAM budget is asserted for).</summary>
        public FirmwareOptions()
        {
            Link = new SegmentLinkOptions();
            WatchdogTimeoutMs = 2000;
        }

        /// <summary>Radio link sizes.</summary>
        public SegmentLinkOptions Link { get; set; }

        /// <summary>A main-loop task silent this long makes the watchdog stop the motors and reset the board, ms.</summary>
        public int WatchdogTimeoutMs { get; set; }

        /// <summary>
        /// The defaults for <paramref name="radio"/>: one packet per frame on LoRa (255 bytes, SNR-driven
        /// relays, the provisioned duty cycle); on the nRF24L01+ frames of up to 128 bytes in 32-byte
        /// fragments, relays timed by jitter only (the chip reports no SNR).
        /// </summary>
        /// <remarks>
        /// On LoRa a frame occupies the air for a long time (a 100-byte frame: ~0.17 s at SF7, ~0.5 s at
        /// SF9), so the flooder's delay windows are sized in airtimes of such a frame: relays spread over
        /// two airtimes of jitter plus four of SNR-driven delay rarely start on top of each other, and a
        /// node hearing a neighbour's relay first has time to cancel its own.
        /// </remarks>
        public static FirmwareOptions For(RadioSettings radio)
        {
            var options = new FirmwareOptions();
            options.Link.DutyCyclePerMille = radio.DutyCyclePerMille;
            if (radio.Chip == RadioChip.Sx1276)
            {
                int airtimeMs = (int)(Sx1276Setup.ToLoRaSettings(radio).TimeOnAirMicroseconds(TypicalFrameBytes) / 1000);
                options.Link.Flooding.JitterWindowMs = 2 * airtimeMs;
                options.Link.Flooding.SnrWindowMs = 4 * airtimeMs;
                options.Link.ReassemblyTimeoutMs = 8 * airtimeMs;
            }
            else if (radio.Chip == RadioChip.Nrf24l01Plus)
            {
                options.Link.MaxFrameLength = 128;
                options.Link.ReportsSnr = false;
                options.Link.Flooding.SnrWindowMs = 0;
                options.Link.Flooding.JitterWindowMs = 20;
                options.Link.ReassemblyTimeoutMs = 500;
            }

            return options;
        }
    }
}

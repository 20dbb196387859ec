using EdgeMesh.Firmware.Link;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;

namespace EdgeMesh.Firmware.Application
{
    /// <summary>Sizes and timing of the application beyond what provisioning sets.</summary>
    public sealed class FirmwareOptions
    {
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
        public static FirmwareOptions For(RadioSettings radio)
        {
            var options = new FirmwareOptions();
            options.Link.DutyCyclePerMille = radio.DutyCyclePerMille;
            if (radio.Chip == RadioChip.Nrf24l01Plus)
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

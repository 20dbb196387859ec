using EdgeMesh.Transport;
using EdgeMesh.Transport.Serial;

namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>One serial line (an entry of the <c>serial</c> array; docs/configuration.md, docs/transport.md §4).</summary>
    public sealed class SerialConfig
    {
        /// <summary>Device path, for example /dev/ttyUSB0, /dev/ttyAMA0 or /dev/serial/by-id/... (required).</summary>
        public string Device { get; set; } = string.Empty;

        /// <summary>Line speed (default 115200).</summary>
        public int BaudRate { get; set; } = 115_200;

        /// <summary>Hardware flow control, RTS/CTS (default false).</summary>
        public bool RtsCts { get; set; }

        /// <summary>Encoded bytes queued for the line before frames are dropped (default 65536).</summary>
        public int SendQueueBytes { get; set; } = 64 * 1024;

        /// <summary>Largest delay between attempts to reopen a device that failed or disappeared, in ms (default 5000).</summary>
        public int ReopenMaxMs { get; set; } = 5_000;

        /// <summary>The transport's options for this line.</summary>
        public SerialLinkOptions ToOptions()
        {
            return new SerialLinkOptions
            {
                Device = Device,
                BaudRate = BaudRate,
                RtsCts = RtsCts,
                SendQueueBytes = SendQueueBytes,
                Reopen = new ReconnectOptions { InitialDelayMs = System.Math.Min(250, ReopenMaxMs), MaxDelayMs = ReopenMaxMs },
            };
        }
    }
}

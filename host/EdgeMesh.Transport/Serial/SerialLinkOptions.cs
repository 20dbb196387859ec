namespace EdgeMesh.Transport.Serial
{
    /// <summary>One serial line of the node (the <c>serial</c> array in edgemesh.json; docs/transport.md §4).</summary>
    public sealed class SerialLinkOptions
    {
        /// <summary>Largest frame a serial link carries: a 38-byte header, 1,400 payload bytes and a 64-byte signature.</summary>
        public const int DefaultMaxFrameBytes = 1502;

        /// <summary>Device path: /dev/ttyUSB0, /dev/ttyAMA0, /dev/serial/by-id/..., or a pseudo-terminal.</summary>
        public string Device { get; set; } = string.Empty;

        /// <summary>Line speed in baud (default 115200).</summary>
        public int BaudRate { get; set; } = 115_200;

        /// <summary>Hardware flow control (RTS/CTS); off by default.</summary>
        public bool RtsCts { get; set; }

        /// <summary>Encoded bytes queued for the line before frames are dropped (default 65536; counted as SendQueueFull).</summary>
        public int SendQueueBytes { get; set; } = 64 * 1024;

        /// <summary>Largest frame accepted in either direction (default 1502); longer records are dropped and counted.</summary>
        public int MaxFrameBytes { get; set; } = DefaultMaxFrameBytes;

        /// <summary>Reopening the device after it failed or disappeared: capped exponential backoff with jitter.</summary>
        public ReconnectOptions Reopen { get; set; } = new ReconnectOptions { InitialDelayMs = 250, MaxDelayMs = 5_000 };
    }
}

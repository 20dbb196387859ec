namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>TCP settings (the <c>tcp</c> object; docs/configuration.md).</summary>
    public sealed class TcpConfig
    {
        /// <summary>HOST:PORT to accept TCP links on; null accepts none (default null).</summary>
        public string? Listen { get; set; }

        /// <summary>First reconnection delay in milliseconds (default 250).</summary>
        public int ReconnectInitialMs { get; set; } = 250;

        /// <summary>Largest reconnection delay in milliseconds (default 30000).</summary>
        public int ReconnectMaxMs { get; set; } = 30_000;

        /// <summary>Bytes queued per connection before frames are dropped (default 262144).</summary>
        public int SendQueueBytes { get; set; } = 256 * 1024;

        /// <summary>Connections at once (default 64).</summary>
        public int MaxConnections { get; set; } = 64;
    }
}

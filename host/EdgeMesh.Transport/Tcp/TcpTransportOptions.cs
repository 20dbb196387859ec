using System.Net;

namespace EdgeMesh.Transport
{
    /// <summary>Settings of a <see cref="TcpTransport"/>.</summary>
    public sealed class TcpTransportOptions
    {
        /// <summary>Default largest frame: the largest v1 frame (38-byte header, 65535-byte payload, 64-byte trailer).</summary>
        public const int DefaultMaxFrameLength = 38 + 65535 + 64;

        /// <summary>Address to accept connections on; null accepts none (outbound links only).</summary>
        public IPEndPoint? Listen { get; set; }

        /// <summary>Length prefixes above this close the connection (default: the largest v1 frame).</summary>
        public int MaxFrameLength { get; set; } = DefaultMaxFrameLength;

        /// <summary>Bytes queued per connection before frames are dropped (default 256 KiB).</summary>
        public int SendQueueBytes { get; set; } = 256 * 1024;

        /// <summary>Connections at once, inbound and outbound (default 64); further inbound ones are refused.</summary>
        public int MaxConnections { get; set; } = 64;

        /// <summary>An outbound connection attempt is abandoned after this long (default 5 s).</summary>
        public int ConnectTimeoutMs { get; set; } = 5_000;

        /// <summary>Backoff between reconnection attempts of outbound links.</summary>
        public ReconnectOptions Reconnect { get; set; } = new ReconnectOptions();
    }
}

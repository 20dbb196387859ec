using System.Net;

namespace EdgeMesh.Transport
{
    /// <summary>Settings of a <see cref="UdpTransport"/>.</summary>
    public sealed class UdpTransportOptions
    {
        /// <summary>Default datagram budget: fits an Ethernet MTU with IP and UDP headers to spare.</summary>
        public const int DefaultMaxDatagramSize = 1400;

        /// <summary>Local address and port to bind (port 0 picks a free one).</summary>
        public IPEndPoint Listen { get; set; } = new IPEndPoint(IPAddress.Any, 0);

        /// <summary>Frames are batched into datagrams of at most this many bytes (default 1400).</summary>
        public int MaxDatagramSize { get; set; } = DefaultMaxDatagramSize;

        /// <summary>Destinations that can have a batch open at once; more flushes the open ones (default 64).</summary>
        public int BatchSlots { get; set; } = 64;

        /// <summary>Source addresses remembered so each peer maps to one <see cref="UdpAddress"/> (default 1024).</summary>
        public int AddressTableCapacity { get; set; } = 1024;

        /// <summary>Multicast group to join (discovery sockets); null for a plain unicast socket.</summary>
        public IPAddress? JoinGroup { get; set; }

        /// <summary>
        /// Local interface address for multicast (sending and joining); null lets the system choose.
        /// Use 127.0.0.1 to keep discovery on this machine.
        /// </summary>
        public IPAddress? MulticastInterface { get; set; }

        /// <summary>Time to live of multicast datagrams sent (default 1: the local network only; 0: this host only).</summary>
        public int MulticastTtl { get; set; } = 1;

        /// <summary>Lets several sockets on one host bind the same port (discovery sockets of several nodes).</summary>
        public bool ReuseAddress { get; set; }

        /// <summary>
        /// Kernel receive buffer asked for (SO_RCVBUF, default 2 MiB; Linux caps it at
        /// net.core.rmem_max). A burst larger than the buffer is dropped by the kernel before the
        /// receive loop sees it; 0 keeps the system default.
        /// </summary>
        public int ReceiveBufferBytes { get; set; } = 2 * 1024 * 1024;

        /// <summary>Channel reported to the receiver for datagrams from this socket.</summary>
        public LinkChannel Channel { get; set; } = LinkChannel.Udp;
    }
}

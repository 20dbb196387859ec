namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>LAN discovery settings (the <c>discovery</c> object; docs/configuration.md).</summary>
    public sealed class DiscoveryConfig
    {
        /// <summary>Send and listen for multicast beacons (default true).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>IPv4 multicast group (default 239.255.77.77, organisation-local scope).</summary>
        public string Group { get; set; } = "239.255.77.77";

        /// <summary>UDP port of the group (default 7401).</summary>
        public int Port { get; set; } = 7401;

        /// <summary>Milliseconds between beacons (default 5000).</summary>
        public int IntervalMs { get; set; } = 5000;

        /// <summary>IPv4 address of the interface to use for multicast; null lets the system choose (default null).</summary>
        public string? Interface { get; set; }

        /// <summary>Multicast time to live: 1 keeps beacons on the local network, 0 on this host (default 1).</summary>
        public int Ttl { get; set; } = 1;
    }
}

namespace EdgeMesh.Transport
{
    /// <summary>Which socket bytes arrived on.</summary>
    public enum LinkChannel
    {
        /// <summary>The node's unicast UDP socket.</summary>
        Udp = 0,

        /// <summary>The LAN discovery socket (multicast group).</summary>
        Discovery = 1,

        /// <summary>A TCP connection.</summary>
        Tcp = 2,
    }
}

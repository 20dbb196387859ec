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

        /// <summary>A serial line (COBS + CRC-16 records, docs/link-framing.md §3).</summary>
        Serial = 3,
    }
}

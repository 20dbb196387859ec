namespace EdgeMesh.Transport
{
    /// <summary>
    /// Where bytes came from and where replies go: a UDP source address (<see cref="UdpAddress"/>) or
    /// a TCP connection (<see cref="TcpLink"/>). Objects are created once per remote endpoint or
    /// connection, never per datagram, so the runtime can key its peer table by them.
    /// </summary>
    public abstract class LinkAddress
    {
        /// <summary>Text form for logs and the API, e.g. <c>udp://127.0.0.1:7411</c>.</summary>
        public abstract override string ToString();
    }
}

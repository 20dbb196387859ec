namespace EdgeMesh.Transport
{
    /// <summary>Where a <see cref="DatagramBatcher"/> puts finished datagrams.</summary>
    internal interface IDatagramSink
    {
        /// <summary>Sends <paramref name="datagram"/> to <paramref name="to"/>.</summary>
        void SendDatagram(UdpAddress to, System.ReadOnlySpan<byte> datagram);
    }
}

namespace EdgeMesh.Transport
{
    /// <summary>
    /// Consumer of received bytes. Calls come from the transports' receive loops (several threads);
    /// the buffer belongs to the loop and is reused as soon as the call returns.
    /// </summary>
    public interface ILinkReceiver
    {
        /// <summary>
        /// One UDP datagram (possibly several frames back to back) or one TCP frame arrived from
        /// <paramref name="from"/> on <paramref name="channel"/>.
        /// </summary>
        void OnReceive(LinkChannel channel, LinkAddress from, byte[] buffer, int offset, int count);

        /// <summary>A TCP connection was established (outbound or accepted); present credentials now.</summary>
        void OnLinkUp(TcpLink link);

        /// <summary>A TCP connection ended; an outbound link will be retried by its reconnect policy.</summary>
        void OnLinkDown(TcpLink link);
    }
}

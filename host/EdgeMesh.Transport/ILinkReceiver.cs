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

        /// <summary>A TCP connection was established (outbound or accepted) or a serial line opened; present credentials now.</summary>
        void OnLinkUp(LinkAddress link);

        /// <summary>A TCP connection ended or a serial line failed; outbound TCP links and serial lines are retried by their reconnect policy.</summary>
        void OnLinkDown(LinkAddress link);
    }
}

using System;
using System.Net;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// A remote UDP endpoint. Equal when the socket addresses are equal, so an address learnt from a
    /// datagram and one built from the bootstrap list name the same peer.
    /// </summary>
    public sealed class UdpAddress : LinkAddress, IEquatable<UdpAddress>
    {
        private readonly string _text;

        /// <summary>Creates the address of <paramref name="endPoint"/>.</summary>
        public UdpAddress(IPEndPoint endPoint)
        {
            ArgumentNullException.ThrowIfNull(endPoint);
            EndPoint = endPoint;
            SocketAddress = endPoint.Serialize();
            _text = "udp://" + endPoint.ToString();
        }

        /// <summary>The endpoint as an <see cref="IPEndPoint"/>.</summary>
        public IPEndPoint EndPoint { get; }

        /// <summary>The serialized form the socket calls take (not to be modified).</summary>
        internal SocketAddress SocketAddress { get; }

        /// <summary>Builds an address from a received socket address (copied).</summary>
        internal static UdpAddress FromSocketAddress(SocketAddress received)
        {
            var prototype = received.Family == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? new IPEndPoint(IPAddress.IPv6Any, 0)
                : new IPEndPoint(IPAddress.Any, 0);
            return new UdpAddress((IPEndPoint)prototype.Create(received));
        }

        /// <inheritdoc />
        public bool Equals(UdpAddress? other)
        {
            return other != null && SocketAddress.Equals(other.SocketAddress);
        }

        /// <inheritdoc />
        public override bool Equals(object? obj)
        {
            return Equals(obj as UdpAddress);
        }

        /// <inheritdoc />
        public override int GetHashCode()
        {
            return SocketAddress.GetHashCode();
        }

        /// <inheritdoc />
        public override string ToString()
        {
            return _text;
        }
    }
}

using System.Net;
using System.Net.Sockets;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>
    /// Turns "address already in use" into one line naming the port and the setting that holds it
    /// (listen, tcp.listen, discovery.port or api), found by binding each configured address again
    /// once the node's own sockets are closed.
    /// </summary>
    internal static class PortConflict
    {
        /// <summary>The sentence for a bind failure of the node's sockets (<paramref name="error"/> is what the socket said).</summary>
        internal static string Describe(NodeConfig config, SocketException error)
        {
            System.ArgumentNullException.ThrowIfNull(config);
            System.ArgumentNullException.ThrowIfNull(error);
            if (Literal(config.Listen) is IPEndPoint udp && !CanBind(udp, SocketType.Dgram, ProtocolType.Udp, reuse: false))
            {
                return InUse("UDP", udp, "listen");
            }

            if (config.Tcp.Listen != null && Literal(config.Tcp.Listen) is IPEndPoint tcp && !CanBind(tcp, SocketType.Stream, ProtocolType.Tcp, reuse: false))
            {
                return InUse("TCP", tcp, "tcp.listen");
            }

            if (config.Discovery.Enabled && !CanBind(new IPEndPoint(IPAddress.Any, config.Discovery.Port), SocketType.Dgram, ProtocolType.Udp, reuse: true))
            {
                return InUse("UDP", new IPEndPoint(IPAddress.Any, config.Discovery.Port), "discovery.port");
            }

            return "cannot open the node's sockets (listen " + config.Listen + ", tcp.listen " + (config.Tcp.Listen ?? "off") + ", discovery.port " + config.Discovery.Port + "): " + error.Message;
        }

        /// <summary>The sentence for the local API's address being taken.</summary>
        internal static string DescribeApi(NodeConfig config)
        {
            System.ArgumentNullException.ThrowIfNull(config);
            return Literal(config.Api) is IPEndPoint api ? InUse("TCP", api, "api") : "api " + config.Api + ": the address is already in use";
        }

        private static string InUse(string protocol, IPEndPoint endPoint, string setting)
        {
            return setting + ": " + protocol + " port " + endPoint.Port + " (" + endPoint + ") is already in use, by another edgemesh node or program; choose a free port for \"" + setting + "\" in edgemesh.json";
        }

        private static IPEndPoint? Literal(string text)
        {
            return PeerEndpoint.TryParse(text, out PeerEndpoint? parsed, out _) ? parsed!.TryGetLiteral() : null;
        }

        private static bool CanBind(IPEndPoint endPoint, SocketType type, ProtocolType protocol, bool reuse)
        {
            if (endPoint.Port == 0)
            {
                return true;
            }

            using var socket = new Socket(endPoint.AddressFamily, type, protocol);
            try
            {
                if (reuse)
                {
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                }

                socket.Bind(endPoint);
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return false;
            }
            catch (SocketException)
            {
                return true; // another problem than "in use": not this one
            }
        }
    }
}

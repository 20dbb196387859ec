using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// A configured peer address: <c>host:port</c> or <c>udp://host:port</c> (UDP), <c>tcp://host:port</c>
    /// (TCP); IPv6 literals in brackets (<c>[::1]:7411</c>). Used for the bootstrap list and listen settings.
    /// </summary>
    public sealed class PeerEndpoint
    {
        private PeerEndpoint(bool tcp, string host, int port)
        {
            IsTcp = tcp;
            Host = host;
            Port = port;
        }

        /// <summary>True for <c>tcp://</c> endpoints.</summary>
        public bool IsTcp { get; }

        /// <summary>Host name or address literal (without brackets).</summary>
        public string Host { get; }

        /// <summary>Port, 0–65535.</summary>
        public int Port { get; }

        /// <summary>Parses <paramref name="text"/>; false with a message naming the problem.</summary>
        public static bool TryParse(string? text, out PeerEndpoint? endpoint, out string error)
        {
            endpoint = null;
            string rest = (text ?? string.Empty).Trim();
            bool tcp = false;
            if (rest.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
            {
                tcp = true;
                rest = rest.Substring(6);
            }
            else if (rest.StartsWith("udp://", StringComparison.OrdinalIgnoreCase))
            {
                rest = rest.Substring(6);
            }

            int colon = rest.LastIndexOf(':');
            if (colon <= 0 || colon == rest.Length - 1)
            {
                error = "'" + text + "' is not HOST:PORT";
                return false;
            }

            string host = rest.Substring(0, colon);
            if (host.StartsWith('[') && host.EndsWith(']'))
            {
                host = host.Substring(1, host.Length - 2);
            }
            else if (host.Contains(':', StringComparison.Ordinal))
            {
                error = "'" + text + "': write IPv6 addresses in brackets, e.g. [::1]:7411";
                return false;
            }

            if (!int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535 || host.Length == 0)
            {
                error = "'" + text + "': the port must be a number from 0 to 65535";
                return false;
            }

            endpoint = new PeerEndpoint(tcp, host, port);
            error = string.Empty;
            return true;
        }

        /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
        public static PeerEndpoint Parse(string text)
        {
            return TryParse(text, out PeerEndpoint? endpoint, out string error) ? endpoint! : throw new FormatException(error);
        }

        /// <summary>The address when <see cref="Host"/> is a literal, else null.</summary>
        public IPEndPoint? TryGetLiteral()
        {
            return IPAddress.TryParse(Host, out IPAddress? address) ? new IPEndPoint(address, Port) : null;
        }

        /// <summary>Resolves the host (literal or DNS, IPv4 preferred); null when it does not resolve.</summary>
        public async Task<IPEndPoint?> ResolveAsync(CancellationToken cancellationToken)
        {
            IPEndPoint? literal = TryGetLiteral();
            if (literal != null)
            {
                return literal;
            }

            try
            {
                IPAddress[] addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken).ConfigureAwait(false);
                IPAddress? chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
                return chosen == null ? null : new IPEndPoint(chosen, Port);
            }
            catch (SocketException)
            {
                return null;
            }
        }

        /// <inheritdoc />
        public override string ToString()
        {
            string host = Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host;
            return (IsTcp ? "tcp://" : "udp://") + host + ":" + Port.ToString(CultureInfo.InvariantCulture);
        }
    }
}

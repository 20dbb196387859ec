using System;
using System.Globalization;

namespace EdgeMesh.Bridge.Connection
{
    /// <summary>A broker URI from the configuration: mqtt://host[:port] (1883) or mqtts://host[:port] (8883).</summary>
    internal sealed class BrokerEndpoint
    {
        private BrokerEndpoint(string uri, string host, int port, bool tls)
        {
            Uri = uri;
            Host = host;
            Port = port;
            Tls = tls;
        }

        internal string Uri { get; }

        internal string Host { get; }

        internal int Port { get; }

        internal bool Tls { get; }

        internal static bool TryParse(string text, out BrokerEndpoint? endpoint, out string error)
        {
            endpoint = null;
            if (!System.Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
            {
                error = "broker '" + text + "' is not a URI like mqtt://host:1883";
                return false;
            }

            bool tls;
            if (string.Equals(uri.Scheme, "mqtt", StringComparison.OrdinalIgnoreCase) || string.Equals(uri.Scheme, "tcp", StringComparison.OrdinalIgnoreCase))
            {
                tls = false;
            }
            else if (string.Equals(uri.Scheme, "mqtts", StringComparison.OrdinalIgnoreCase) || string.Equals(uri.Scheme, "ssl", StringComparison.OrdinalIgnoreCase))
            {
                tls = true;
            }
            else
            {
                error = "broker '" + text + "': scheme must be mqtt or mqtts";
                return false;
            }

            if (uri.AbsolutePath.Length > 1 || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                error = "broker '" + text + "': no path, query or credentials in the URI (use username and passwordFile)";
                return false;
            }

            int port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 8883 : 1883) : uri.Port;
            endpoint = new BrokerEndpoint(text, uri.Host, port, tls);
            error = string.Empty;
            return true;
        }

        public override string ToString()
        {
            return (Tls ? "mqtts://" : "mqtt://") + Host + ":" + Port.ToString(CultureInfo.InvariantCulture);
        }
    }
}

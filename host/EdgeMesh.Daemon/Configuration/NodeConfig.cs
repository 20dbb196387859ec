using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text.Json;
using EdgeMesh.Security.Frames;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>
    /// The node's configuration file, <c>edgemesh.json</c> in the node directory. Every field, its
    /// default and its meaning is in docs/configuration.md; unknown fields are refused so typos do
    /// not pass silently. Relative file names are relative to the node directory.
    /// </summary>
    public sealed class NodeConfig
    {
        /// <summary>File name of the configuration inside a node directory.</summary>
        public const string FileName = "edgemesh.json";

        /// <summary>Default local API address.</summary>
        public const string DefaultApi = "127.0.0.1:7400";

        /// <summary>Default UDP listen address.</summary>
        public const string DefaultListen = "0.0.0.0:7411";

        /// <summary>HOST:PORT of the node's UDP socket (default 0.0.0.0:7411).</summary>
        public string Listen { get; set; } = DefaultListen;

        /// <summary>Address put in beacons; null means "the source address of my datagrams" (default null).</summary>
        public string? Advertise { get; set; }

        /// <summary>HOST:PORT of the local HTTP API (default 127.0.0.1:7400).</summary>
        public string Api { get; set; } = DefaultApi;

        /// <summary>File holding the API bearer token; required to bind the API to a non-loopback address (default null).</summary>
        public string? ApiTokenFile { get; set; }

        /// <summary>production, lightweight or development (default production).</summary>
        public string Mode { get; set; } = "production";

        /// <summary>Must be true for development mode (no authentication) to start (default false).</summary>
        public bool AllowInsecureDevelopment { get; set; }

        /// <summary>Peers to contact at start: HOST:PORT (UDP) or tcp://HOST:PORT (default empty).</summary>
        public List<string> Bootstrap { get; set; } = new();

        /// <summary>Frames are batched into UDP datagrams of at most this many bytes (default 1400).</summary>
        public int MaxDatagramBytes { get; set; } = UdpTransportOptions.DefaultMaxDatagramSize;

        /// <summary>Largest application payload accepted for publishing (default 1024 bytes).</summary>
        public int MaxPayloadBytes { get; set; } = 1024;

        /// <summary>Messages buffered per API subscriber before the oldest is dropped (default 1024).</summary>
        public int SubscriberQueue { get; set; } = 1024;

        /// <summary>Trace, Debug, Information, Warning, Error or None (default Information).</summary>
        public string LogLevel { get; set; } = "Information";

        /// <summary>LAN discovery.</summary>
        public DiscoveryConfig Discovery { get; set; } = new();

        /// <summary>TCP links.</summary>
        public TcpConfig Tcp { get; set; } = new();

        /// <summary>Serial lines the node speaks on (the <c>serial</c> array; empty by default).</summary>
        public List<SerialConfig> Serial { get; set; } = new();

        /// <summary>Authentication limits.</summary>
        public SecurityConfig Security { get; set; } = new();

        /// <summary>Direct messages.</summary>
        public DmConfig Dm { get; set; } = new();

        /// <summary>The profile named by <see cref="Mode"/> (valid after <see cref="Validate"/>).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public SecurityProfile Profile => ParseMode(Mode) ?? SecurityProfile.Production;

        /// <summary>Maps a mode name to its profile; null for an unknown name.</summary>
        public static SecurityProfile? ParseMode(string? mode)
        {
            switch ((mode ?? string.Empty).ToLowerInvariant())
            {
                case "production": return SecurityProfile.Production;
                case "lightweight": return SecurityProfile.Lightweight;
                case "development": return SecurityProfile.Development;
                default: return null;
            }
        }

        /// <summary>Reads and validates <paramref name="path"/>; false with every problem listed in <paramref name="error"/>.</summary>
        public static bool TryLoad(string path, out NodeConfig? config, out string error)
        {
            config = null;
            string json;
            try
            {
                json = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = path + ": " + e.Message;
                return false;
            }

            // The shape is checked first, on the document, so every wrong type and unknown field is
            // listed at once in the file's terms; the values are checked after deserialising.
            List<string> problems;
            try
            {
                using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                problems = ConfigSchema.Check(document.RootElement);
            }
            catch (JsonException e)
            {
                error = path + ": " + DescribeSyntax(e);
                return false;
            }

            if (problems.Count == 0)
            {
                try
                {
                    config = JsonSerializer.Deserialize(json, NodeConfigJsonContext.Default.NodeConfig);
                }
                catch (JsonException e)
                {
                    problems.Add((e.Path is { Length: > 2 } at ? at[2..] + ": " : string.Empty) + "this value cannot be read");
                }

                if (config != null)
                {
                    problems.AddRange(config.Validate());
                }
                else if (problems.Count == 0)
                {
                    problems.Add("the file holds no configuration object");
                }
            }

            error = problems.Count == 0 ? string.Empty : path + ": " + problems.Count + (problems.Count == 1 ? " problem:" : " problems:") + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", problems);
            if (problems.Count > 0)
            {
                config = null;
            }

            return problems.Count == 0;
        }

        /// <summary>"line L, column C: ..." for a file that is not JSON at all.</summary>
        private static string DescribeSyntax(JsonException e)
        {
            string reason = e.Message;
            int cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut < 0)
            {
                cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
            }

            if (cut > 0)
            {
                reason = reason.Substring(0, cut).TrimEnd('.', ' ');
            }

            return "not valid JSON at line " + ((e.LineNumber ?? 0) + 1) + ", column " + ((e.BytePositionInLine ?? 0) + 1) + " (" + reason + ")";
        }

        /// <summary>The configuration as indented JSON.</summary>
        public string ToJson()
        {
            return JsonSerializer.Serialize(this, NodeConfigJsonContext.Default.NodeConfig);
        }

        /// <summary>Every problem with the values, each naming its field; empty when the configuration is usable.</summary>
        public List<string> Validate()
        {
            var problems = new List<string>();
            CheckEndpoint(problems, "listen", Listen, allowTcp: false);
            CheckEndpoint(problems, "api", Api, allowTcp: false);
            if (Advertise != null && !IPAddress.TryParse(Advertise, out _))
            {
                problems.Add("advertise: '" + Advertise + "' is not an IP address");
            }

            if (ParseMode(Mode) == null)
            {
                problems.Add("mode: '" + Mode + "' is not production, lightweight or development");
            }

            foreach (string entry in Bootstrap ?? new List<string>())
            {
                CheckEndpoint(problems, "bootstrap", entry, allowTcp: true);
            }

            CheckRange(problems, "maxDatagramBytes", MaxDatagramBytes, 256, UdpTransport.MaxUdpPayload);
            CheckRange(problems, "maxPayloadBytes", MaxPayloadBytes, 1, 65535);
            CheckRange(problems, "subscriberQueue", SubscriberQueue, 1, 1 << 20);
            if (!Enum.TryParse(LogLevel, true, out Microsoft.Extensions.Logging.LogLevel _))
            {
                problems.Add("logLevel: '" + LogLevel + "' is not Trace, Debug, Information, Warning, Error or None");
            }

            if (Discovery.Enabled)
            {
                if (!IPAddress.TryParse(Discovery.Group, out IPAddress? group) || !IsIpv4Multicast(group))
                {
                    problems.Add("discovery.group: '" + Discovery.Group + "' is not an IPv4 multicast address (224.0.0.0/4)");
                }

                if (Discovery.Interface != null && !IPAddress.TryParse(Discovery.Interface, out _))
                {
                    problems.Add("discovery.interface: '" + Discovery.Interface + "' is not an IP address");
                }

                CheckRange(problems, "discovery.port", Discovery.Port, 1, 65535);
                CheckRange(problems, "discovery.intervalMs", Discovery.IntervalMs, 100, 3_600_000);
                CheckRange(problems, "discovery.ttl", Discovery.Ttl, 0, 255);
            }

            if (Tcp.Listen != null)
            {
                CheckEndpoint(problems, "tcp.listen", Tcp.Listen, allowTcp: true);
            }

            CheckRange(problems, "tcp.reconnectInitialMs", Tcp.ReconnectInitialMs, 1, 3_600_000);
            CheckRange(problems, "tcp.reconnectMaxMs", Tcp.ReconnectMaxMs, Math.Max(1, Tcp.ReconnectInitialMs), 3_600_000);
            CheckRange(problems, "tcp.sendQueueBytes", Tcp.SendQueueBytes, 70_000, 64 << 20);
            CheckRange(problems, "tcp.maxConnections", Tcp.MaxConnections, 1, 10_000);
            CheckSerial(problems);
            CheckRange(problems, "security.maxClockSkewMs", Security.MaxClockSkewMs, 100, 3_600_000);
            CheckRange(problems, "security.admittedPeers", Security.AdmittedPeers, 1, 1 << 20);
            CheckRange(problems, "security.verifiedCache", Security.VerifiedCache, 4, 1 << 22);
            CheckRange(problems, "security.replaySenders", Security.ReplaySenders, 1, 1 << 20);
            CheckRange(problems, "security.replayWindowWords", Security.ReplayWindowWords, 1, 64);
            Dm.Validate(problems);
            return problems;
        }

        private void CheckSerial(List<string> problems)
        {
            var devices = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < Serial.Count; i++)
            {
                SerialConfig line = Serial[i];
                string at = "serial[" + i + "]";
                if (line == null)
                {
                    problems.Add(at + ": expected an object with at least \"device\"");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(line.Device))
                {
                    problems.Add(at + ".device: a device path is required (for example /dev/ttyUSB0)");
                }
                else if (!devices.Add(line.Device))
                {
                    problems.Add(at + ".device: " + line.Device + " is listed twice");
                }

                CheckRange(problems, at + ".baudRate", line.BaudRate, 300, 4_000_000);
                CheckRange(problems, at + ".sendQueueBytes", line.SendQueueBytes, 4_096, 16 << 20);
                CheckRange(problems, at + ".reopenMaxMs", line.ReopenMaxMs, 10, 600_000);
            }
        }

        /// <summary>Resolves a file name from the configuration against the node directory.</summary>
        public static string ResolvePath(string nodeDirectory, string file)
        {
            return Path.IsPathRooted(file) ? file : Path.Combine(nodeDirectory, file);
        }

        private static bool IsIpv4Multicast(IPAddress address)
        {
            if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                return false;
            }

            byte first = address.GetAddressBytes()[0];
            return first >= 224 && first <= 239;
        }

        private static void CheckEndpoint(List<string> problems, string field, string? value, bool allowTcp)
        {
            if (!PeerEndpoint.TryParse(value, out PeerEndpoint? endpoint, out string error))
            {
                problems.Add(field + ": " + error);
            }
            else if (endpoint!.IsTcp && !allowTcp)
            {
                problems.Add(field + ": '" + value + "' must be HOST:PORT without a scheme");
            }
        }

        private static void CheckRange(List<string> problems, string field, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                problems.Add(field + ": " + value + " is outside " + min + ".." + max);
            }
        }
    }
}

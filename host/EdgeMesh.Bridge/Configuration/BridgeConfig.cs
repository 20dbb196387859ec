using System.Collections.Generic;

namespace EdgeMesh.Bridge.Configuration
{
    /// <summary>
    /// The <c>bridge</c> section of edgemesh.json (docs/configuration.md, docs/mqtt.md): which broker,
    /// how to connect, where the outbound queue lives and which topics cross in which direction.
    /// Every field has a default except <see cref="Brokers"/> and <see cref="Rules"/>.
    /// </summary>
    public sealed class BridgeConfig
    {
        /// <summary>Broker URIs tried in order, wrapping round (mqtt://host:port or mqtts://host:port).</summary>
        public List<string> Brokers { get; set; } = new List<string>();

        /// <summary>MQTT client id; also the session the broker keeps for QoS 1 (default "edgemesh-bridge").</summary>
        public string ClientId { get; set; } = "edgemesh-bridge";

        /// <summary>Name written into the loop marker (MQTT 5 user property em-bridge); defaults to the client id.</summary>
        public string? BridgeId { get; set; }

        /// <summary>"3.1.1" or "5" (default "5").</summary>
        public string MqttVersion { get; set; } = "5";

        /// <summary>Keep-alive in seconds (default 15).</summary>
        public int KeepAliveSeconds { get; set; } = 15;

        /// <summary>User name, or null for none.</summary>
        public string? Username { get; set; }

        /// <summary>File holding the password (first line), or null for none. A file, so the secret stays out of edgemesh.json.</summary>
        public string? PasswordFile { get; set; }

        /// <summary>PEM file of the CA that signs the broker's certificate (mqtts only); null uses the system store.</summary>
        public string? CaFile { get; set; }

        /// <summary>PEM client certificate for mutual TLS, or null.</summary>
        public string? ClientCertificateFile { get; set; }

        /// <summary>PEM private key of <see cref="ClientCertificateFile"/>, or null.</summary>
        public string? ClientKeyFile { get; set; }

        /// <summary>Directory of the persisted QoS 1 outbound queue (default "bridge-queue", relative to the node directory).</summary>
        public string QueueDirectory { get; set; } = "bridge-queue";

        /// <summary>Most QoS 1 messages held for the broker (default 10000); beyond it new messages are refused and counted.</summary>
        public int QueueCapacity { get; set; } = 10000;

        /// <summary>Flush each queued message to the device (default true); false survives a process crash, not a power cut.</summary>
        public bool QueueFlushToDisk { get; set; } = true;

        /// <summary>Most QoS 0 messages waiting for the connection in memory (default 1000); beyond it the oldest is dropped and counted.</summary>
        public int VolatileCapacity { get; set; } = 1000;

        /// <summary>Most QoS 1 publishes awaiting PUBACK at once (default 16, and never above the broker's Receive Maximum).</summary>
        public int MaxInFlight { get; set; } = 16;

        /// <summary>First reconnect delay in milliseconds (default 500).</summary>
        public int ReconnectMinMs { get; set; } = 500;

        /// <summary>Longest reconnect delay in milliseconds (default 30000).</summary>
        public int ReconnectMaxMs { get; set; } = 30000;

        /// <summary>How long a crossing is remembered for echo suppression, in milliseconds (default 60000).</summary>
        public int EchoWindowMs { get; set; } = 60000;

        /// <summary>Most crossings remembered for echo suppression (default 65536).</summary>
        public int EchoCapacity { get; set; } = 65536;

        /// <summary>The topic rules.</summary>
        public List<BridgeRuleConfig> Rules { get; set; } = new List<BridgeRuleConfig>();
    }
}

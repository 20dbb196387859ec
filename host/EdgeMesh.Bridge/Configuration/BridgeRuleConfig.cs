using System.Collections.Generic;

namespace EdgeMesh.Bridge.Configuration
{
    /// <summary>
    /// One rule: topics matching <see cref="Pattern"/> (MQTT syntax, <c>+</c> and <c>#</c>) cross between
    /// <c>MeshPrefix + X</c> in the mesh and <c>MqttPrefix + X</c> on the broker (docs/mqtt.md §2).
    /// </summary>
    public sealed class BridgeRuleConfig
    {
        /// <summary>Name used in counters and status (default "rule-N").</summary>
        public string? Name { get; set; }

        /// <summary>"out" (mesh to broker), "in" (broker to mesh) or "both".</summary>
        public string Direction { get; set; } = "out";

        /// <summary>Topic filter below the prefixes, e.g. "robots/+/telemetry" or "#".</summary>
        public string Pattern { get; set; } = "#";

        /// <summary>Prepended on the mesh side (default empty).</summary>
        public string MeshPrefix { get; set; } = string.Empty;

        /// <summary>Prepended on the broker side (default empty).</summary>
        public string MqttPrefix { get; set; } = string.Empty;

        /// <summary>MQTT QoS, 0 or 1 (default 0).</summary>
        public int Qos { get; set; }

        /// <summary>"raw" (payload bytes as they are) or "json" (typed payloads as JSON).</summary>
        public string Format { get; set; } = "raw";

        /// <summary>Mesh payload type for raw messages coming in (default 0, opaque bytes).</summary>
        public int PayloadType { get; set; }

        /// <summary>MQTT 5 user properties an inbound message must carry with these exact values (default none).</summary>
        public Dictionary<string, string> RequireUserProperties { get; set; } = new Dictionary<string, string>();
    }
}

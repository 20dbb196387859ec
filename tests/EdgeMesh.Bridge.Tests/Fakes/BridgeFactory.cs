using System;
using System.Collections.Generic;
using System.IO;
using EdgeMesh.Bridge.Configuration;
using EdgeMesh.Bridge.Mesh;

namespace EdgeMesh.Bridge.Tests.Fakes
{
    /// <summary>Builds bridge configurations for tests, each with its own temporary queue directory.</summary>
    internal static class BridgeFactory
    {
        internal static BridgeConfig Config(IEnumerable<string> brokers, string clientId, bool v5, params BridgeRuleConfig[] rules)
        {
            var c = new BridgeConfig
            {
                ClientId = clientId,
                MqttVersion = v5 ? "5" : "3.1.1",
                QueueDirectory = Path.Combine(Path.GetTempPath(), "em-bridgeq-" + Guid.NewGuid().ToString("N")),
                QueueFlushToDisk = false,
                ReconnectMinMs = 100,
                ReconnectMaxMs = 1000,
                KeepAliveSeconds = 5,
            };
            c.Brokers.AddRange(brokers);
            c.Rules.AddRange(rules);
            return c;
        }

        internal static BridgeRuleConfig Rule(string direction, string pattern, int qos, string meshPrefix = "", string mqttPrefix = "", string format = "raw")
        {
            return new BridgeRuleConfig { Direction = direction, Pattern = pattern, Qos = qos, MeshPrefix = meshPrefix, MqttPrefix = mqttPrefix, Format = format };
        }

        internal static MqttBridge Create(BridgeConfig config, IMeshPort mesh)
        {
            if (!MqttBridge.TryCreate(config, Path.GetTempPath(), mesh, TimeProvider.System, out MqttBridge? bridge, out string error) || bridge == null)
            {
                throw new InvalidOperationException(error);
            }

            return bridge;
        }
    }
}

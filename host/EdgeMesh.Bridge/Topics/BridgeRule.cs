using System;
using System.Collections.Generic;
using EdgeMesh.Bridge.Status;

namespace EdgeMesh.Bridge.Topics
{
    /// <summary>
    /// A validated rule: maps a mesh topic to its broker topic and back. A topic crosses only if,
    /// after its side's prefix is removed, the rest matches the pattern; the other side's prefix is
    /// then put in front (the same mapping as Mosquitto's bridge <c>topic</c> lines).
    /// </summary>
    internal sealed class BridgeRule
    {
        internal BridgeRule(
            string name,
            BridgeDirection direction,
            string pattern,
            string meshPrefix,
            string mqttPrefix,
            int qos,
            PayloadFormat format,
            ushort payloadType,
            IReadOnlyList<KeyValuePair<string, string>> requiredProperties)
        {
            Name = name;
            Direction = direction;
            Pattern = pattern;
            MeshPrefix = meshPrefix;
            MqttPrefix = mqttPrefix;
            Qos = qos;
            Format = format;
            PayloadType = payloadType;
            RequiredProperties = requiredProperties;
            MqttFilter = mqttPrefix + pattern;
            MeshFilter = meshPrefix + pattern;
            Counters = new RuleCounters(name);
        }

        internal string Name { get; }

        internal BridgeDirection Direction { get; }

        internal string Pattern { get; }

        internal string MeshPrefix { get; }

        internal string MqttPrefix { get; }

        internal int Qos { get; }

        internal PayloadFormat Format { get; }

        /// <summary>Payload type given to raw inbound messages.</summary>
        internal ushort PayloadType { get; }

        internal IReadOnlyList<KeyValuePair<string, string>> RequiredProperties { get; }

        /// <summary>What the bridge subscribes to on the broker.</summary>
        internal string MqttFilter { get; }

        /// <summary>What the bridge subscribes to in the mesh.</summary>
        internal string MeshFilter { get; }

        internal RuleCounters Counters { get; }

        internal bool CarriesOut => (Direction & BridgeDirection.Out) != 0;

        internal bool CarriesIn => (Direction & BridgeDirection.In) != 0;

        /// <summary>The broker topic for a mesh topic, or null if this rule does not carry it out.</summary>
        internal string? MapOut(string meshTopic)
        {
            return CarriesOut ? Map(meshTopic, MeshPrefix, MqttPrefix) : null;
        }

        /// <summary>The mesh topic for a broker topic, or null if this rule does not carry it in.</summary>
        internal string? MapIn(string mqttTopic)
        {
            return CarriesIn ? Map(mqttTopic, MqttPrefix, MeshPrefix) : null;
        }

        private string? Map(string topic, string fromPrefix, string toPrefix)
        {
            if (!topic.StartsWith(fromPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            string rest = topic.Substring(fromPrefix.Length);
            if (rest.Length == 0 || !TopicFilter.Matches(Pattern, rest))
            {
                return null;
            }

            string mapped = toPrefix + rest;
            return TopicFilter.IsValidTopic(mapped) ? mapped : null;
        }
    }
}

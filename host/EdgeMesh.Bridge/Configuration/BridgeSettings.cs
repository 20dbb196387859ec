using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using EdgeMesh.Bridge.Connection;
using EdgeMesh.Bridge.Topics;

namespace EdgeMesh.Bridge.Configuration
{
    /// <summary>
    /// A <see cref="BridgeConfig"/> checked and compiled: parsed broker endpoints, rules with their
    /// filters, absolute file names. Every problem is reported as one line naming the field.
    /// </summary>
    internal sealed class BridgeSettings
    {
        private BridgeSettings(BridgeConfig config, List<BrokerEndpoint> brokers, List<BridgeRule> rules, bool v5, string queueDirectory, string? password, string bridgeId)
        {
            Config = config;
            Brokers = brokers;
            Rules = rules;
            IsV5 = v5;
            QueueDirectory = queueDirectory;
            Password = password;
            BridgeId = bridgeId;
        }

        internal BridgeConfig Config { get; }

        internal IReadOnlyList<BrokerEndpoint> Brokers { get; }

        internal IReadOnlyList<BridgeRule> Rules { get; }

        internal bool IsV5 { get; }

        internal string QueueDirectory { get; }

        internal string? Password { get; }

        internal string BridgeId { get; }

        internal static bool TryCompile(BridgeConfig config, string baseDirectory, out BridgeSettings? settings, out string error)
        {
            settings = null;
            ArgumentNullException.ThrowIfNull(config);
            ArgumentNullException.ThrowIfNull(baseDirectory);
            if (config.Brokers.Count == 0)
            {
                error = "bridge.brokers: at least one broker URI is required";
                return false;
            }

            var brokers = new List<BrokerEndpoint>();
            foreach (string text in config.Brokers)
            {
                if (!BrokerEndpoint.TryParse(text ?? string.Empty, out BrokerEndpoint? endpoint, out error) || endpoint == null)
                {
                    error = "bridge.brokers: " + error;
                    return false;
                }

                brokers.Add(endpoint);
            }

            bool v5;
            if (string.Equals(config.MqttVersion, "5", StringComparison.Ordinal) || string.Equals(config.MqttVersion, "5.0", StringComparison.Ordinal))
            {
                v5 = true;
            }
            else if (string.Equals(config.MqttVersion, "3.1.1", StringComparison.Ordinal))
            {
                v5 = false;
            }
            else
            {
                error = "bridge.mqttVersion: must be \"3.1.1\" or \"5\"";
                return false;
            }

            if (string.IsNullOrEmpty(config.ClientId) || config.ClientId.Length > 64)
            {
                error = "bridge.clientId: 1 to 64 characters";
                return false;
            }

            if (!InRange(config.KeepAliveSeconds, 1, 65535, "keepAliveSeconds", out error)
                || !InRange(config.QueueCapacity, 1, 1_000_000, "queueCapacity", out error)
                || !InRange(config.VolatileCapacity, 1, 1_000_000, "volatileCapacity", out error)
                || !InRange(config.MaxInFlight, 1, 1024, "maxInFlight", out error)
                || !InRange(config.ReconnectMinMs, 1, 3_600_000, "reconnectMinMs", out error)
                || !InRange(config.ReconnectMaxMs, config.ReconnectMinMs, 3_600_000, "reconnectMaxMs", out error)
                || !InRange(config.EchoWindowMs, 1, 3_600_000, "echoWindowMs", out error)
                || !InRange(config.EchoCapacity, 1, 10_000_000, "echoCapacity", out error))
            {
                return false;
            }

            if (config.Rules.Count == 0)
            {
                error = "bridge.rules: at least one rule is required";
                return false;
            }

            var rules = new List<BridgeRule>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < config.Rules.Count; i++)
            {
                if (!TryCompileRule(config.Rules[i], i, v5, out BridgeRule? rule, out error) || rule == null)
                {
                    return false;
                }

                if (!names.Add(rule.Name))
                {
                    error = "bridge.rules[" + i.ToString(CultureInfo.InvariantCulture) + "].name: '" + rule.Name + "' is used twice";
                    return false;
                }

                rules.Add(rule);
            }

            string? password = null;
            if (!string.IsNullOrEmpty(config.PasswordFile))
            {
                string path = Path.GetFullPath(config.PasswordFile, baseDirectory);
                try
                {
                    using var reader = new StreamReader(path);
                    password = reader.ReadLine() ?? string.Empty;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    error = "bridge.passwordFile: cannot read " + path + ": " + ex.Message;
                    return false;
                }
            }

            string bridgeId = string.IsNullOrEmpty(config.BridgeId) ? config.ClientId : config.BridgeId;
            settings = new BridgeSettings(config, brokers, rules, v5, Path.GetFullPath(config.QueueDirectory, baseDirectory), password, bridgeId);
            error = string.Empty;
            return true;
        }

        private static bool TryCompileRule(BridgeRuleConfig c, int index, bool v5, out BridgeRule? rule, out string error)
        {
            rule = null;
            string at = "bridge.rules[" + index.ToString(CultureInfo.InvariantCulture) + "]";
            string name = string.IsNullOrEmpty(c.Name) ? "rule-" + index.ToString(CultureInfo.InvariantCulture) : c.Name;
            if (name.Length > 64)
            {
                error = at + ".name: at most 64 characters";
                return false;
            }

            BridgeDirection direction;
            switch (c.Direction)
            {
                case "out": direction = BridgeDirection.Out; break;
                case "in": direction = BridgeDirection.In; break;
                case "both": direction = BridgeDirection.Both; break;
                default:
                    error = at + ".direction: must be out, in or both";
                    return false;
            }

            if (c.MeshPrefix == null || c.MqttPrefix == null || c.MeshPrefix.IndexOfAny(Wildcards) >= 0 || c.MqttPrefix.IndexOfAny(Wildcards) >= 0)
            {
                error = at + ": prefixes may not contain + or #";
                return false;
            }

            if (!TopicFilter.IsValidFilter(c.Pattern ?? string.Empty) || !TopicFilter.IsValidFilter(c.MqttPrefix + c.Pattern) || !TopicFilter.IsValidFilter(c.MeshPrefix + c.Pattern))
            {
                error = at + ".pattern: not a valid topic filter (+ is one whole level, # only last)";
                return false;
            }

            if (c.Qos != 0 && c.Qos != 1)
            {
                error = at + ".qos: 0 or 1 (QoS 2 is not offered: the mesh has no exactly-once delivery to match it)";
                return false;
            }

            PayloadFormat format;
            switch (c.Format)
            {
                case "raw": format = PayloadFormat.Raw; break;
                case "json": format = PayloadFormat.Json; break;
                default:
                    error = at + ".format: raw or json";
                    return false;
            }

            if (c.PayloadType < 0 || c.PayloadType > ushort.MaxValue)
            {
                error = at + ".payloadType: 0 to 65535";
                return false;
            }

            var required = new List<KeyValuePair<string, string>>();
            if (c.RequireUserProperties != null)
            {
                if (c.RequireUserProperties.Count > 0 && !v5)
                {
                    error = at + ".requireUserProperties: needs mqttVersion 5 (3.1.1 has no user properties)";
                    return false;
                }

                foreach (KeyValuePair<string, string> p in c.RequireUserProperties)
                {
                    required.Add(p);
                }
            }

            rule = new BridgeRule(name, direction, c.Pattern!, c.MeshPrefix, c.MqttPrefix, c.Qos, format, (ushort)c.PayloadType, required);
            error = string.Empty;
            return true;
        }

        private static readonly char[] Wildcards = { '+', '#', '\0' };

        private static bool InRange(int value, int min, int max, string field, out string error)
        {
            if (value < min || value > max)
            {
                error = "bridge." + field + ": " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture);
                return false;
            }

            error = string.Empty;
            return true;
        }
    }
}

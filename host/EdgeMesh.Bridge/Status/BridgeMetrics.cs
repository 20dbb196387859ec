using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace EdgeMesh.Bridge.Status
{
    /// <summary>
    /// The bridge's counters as observable instruments on the daemon's meter, so /metrics (the
    /// daemon's Prometheus exporter) shows them next to the node's own: per rule with a <c>rule</c>
    /// tag, and for the connection and queue without one.
    /// </summary>
    public static class BridgeMetrics
    {
        /// <summary>Creates the instruments on <paramref name="meter"/>; each scrape reads <paramref name="status"/> once per instrument.</summary>
        public static void Register(Meter meter, Func<BridgeStatus> status)
        {
            ArgumentNullException.ThrowIfNull(meter);
            ArgumentNullException.ThrowIfNull(status);
            meter.CreateObservableCounter("edgemesh_bridge_messages_in_total", () => PerRule(status(), r => r.MessagesIn), description: "Broker messages the mesh accepted, by rule.");
            meter.CreateObservableCounter("edgemesh_bridge_messages_out_total", () => PerRule(status(), r => r.MessagesOut), description: "Mesh messages the broker accepted, by rule.");
            meter.CreateObservableGauge("edgemesh_bridge_queued", () => PerRule(status(), r => r.Queued), description: "QoS 1 messages waiting for the broker, by rule.");
            meter.CreateObservableCounter("edgemesh_bridge_dropped_total", () => PerRule(status(), r => r.Dropped), description: "Messages dropped because a queue was full, by rule.");
            meter.CreateObservableCounter("edgemesh_bridge_rejected_total", () => PerRule(status(), r => r.Rejected), description: "Messages refused (payload, user properties, mesh policy), by rule.");
            meter.CreateObservableCounter("edgemesh_bridge_echoes_suppressed_total", () => PerRule(status(), r => r.EchoesSuppressed), description: "Copies stopped by loop and echo prevention, by rule.");
            meter.CreateObservableGauge("edgemesh_bridge_connected", () => status().Connected ? 1 : 0, description: "1 while a broker session is up.");
            meter.CreateObservableCounter("edgemesh_bridge_reconnects_total", () => status().Reconnects, description: "Broker sessions lost after they were up.");
            meter.CreateObservableCounter("edgemesh_bridge_connect_failures_total", () => status().ConnectFailures, description: "Connection attempts that failed.");
            meter.CreateObservableCounter("edgemesh_bridge_queue_corrupt_total", () => status().QueueCorrupt, description: "Damaged or torn queue records found at start.");
            meter.CreateObservableCounter("edgemesh_bridge_unroutable_total", () => status().Unroutable, description: "Broker messages on no rule's topic.");
        }

        private static IEnumerable<Measurement<long>> PerRule(BridgeStatus status, Func<RuleStatus, long> value)
        {
            var measurements = new List<Measurement<long>>(status.Rules.Count);
            foreach (RuleStatus rule in status.Rules)
            {
                measurements.Add(new Measurement<long>(value(rule), new KeyValuePair<string, object?>("rule", rule.Rule)));
            }

            return measurements;
        }
    }
}

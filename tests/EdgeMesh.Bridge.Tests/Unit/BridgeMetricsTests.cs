using System.Collections.Generic;
using System.Diagnostics.Metrics;
using EdgeMesh.Bridge.Status;

namespace EdgeMesh.Bridge.Tests.Unit
{
    public sealed class BridgeMetricsTests
    {
        [Fact]
        public void Rule_counters_appear_with_their_rule_tag()
        {
            using var meter = new Meter("edgemesh-bridge-test-" + System.Guid.NewGuid().ToString("N"));
            var status = new BridgeStatus(true, "mqtt://x:1883", 1, 2, 3, 4, 5, 6, 7, 8, new[] { new RuleStatus("telemetry", 10, 20, 4, 1, 2, 3) });
            BridgeMetrics.Register(meter, () => status);
            var seen = new Dictionary<string, (long Value, string? Rule)>();
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? rule = null;
                foreach (KeyValuePair<string, object?> t in tags)
                {
                    if (t.Key == "rule")
                    {
                        rule = t.Value as string;
                    }
                }

                seen[instrument.Name] = (value, rule);
            });
            listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => seen[instrument.Name] = (value, null));
            listener.Start();
            listener.RecordObservableInstruments();

            Assert.Equal((10L, "telemetry"), seen["edgemesh_bridge_messages_in_total"]);
            Assert.Equal((20L, "telemetry"), seen["edgemesh_bridge_messages_out_total"]);
            Assert.Equal((3L, "telemetry"), seen["edgemesh_bridge_echoes_suppressed_total"]);
            Assert.Equal((2L, (string?)null), seen["edgemesh_bridge_reconnects_total"]);
            Assert.Equal((1L, (string?)null), seen["edgemesh_bridge_connected"]);
        }
    }
}

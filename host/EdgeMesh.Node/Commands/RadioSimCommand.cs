using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using EdgeMesh.Simulation;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh sim --radio</c>: managed flooding on a simulated shared radio channel.</summary>
    internal static class RadioSimCommand
    {
        internal static int Run(RadioOptions options, bool json)
        {
            return SimCommand.Execute(() => new RadioScenario(options), (scenario, progress) => scenario.Run(progress), WriteJson, r => WriteSummary(r, options), json);
        }

        internal static void WriteJson(RadioReport r, Stream output)
        {
            using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
            w.WriteStartObject();
            w.WriteString("mode", "radio");
            w.WriteNumber("nodes", r.Nodes);
            w.WriteNumber("messages", r.Messages);
            w.WriteNumber("sideMeters", Math.Round(r.SideMeters));
            w.WriteNumber("meanNeighbours", Math.Round(r.MeanNeighbours, 2));
            w.WriteNumber("hopLimit", r.HopLimit);
            w.WriteNumber("deliveryRatio", Math.Round(r.DeliveryRatio, 6));
            w.WriteNumber("coverage", Math.Round(r.Coverage, 6));
            w.WriteNumber("expectedDeliveries", r.ExpectedDeliveries);
            w.WriteNumber("deliveries", r.Deliveries);
            w.WriteNumber("transmissions", r.Transmissions);
            w.WriteNumber("transmissionsPerMessage", Math.Round(r.TransmissionsPerMessage, 2));
            w.WriteNumber("rebroadcastsScheduled", r.RebroadcastsScheduled);
            w.WriteNumber("suppressedRebroadcasts", r.SuppressedRebroadcasts);
            w.WriteNumber("hopLimitReached", r.HopLimitReached);
            w.WriteNumber("hopsMean", Math.Round(r.HopsMean, 2));
            w.WriteNumber("hopsMax", r.HopsMax);
            w.WriteNumber("maxHopCountHeard", r.MaxHopCountHeard);
            w.WriteNumber("latencyP50Ms", Math.Round(r.LatencyP50Ms, 1));
            w.WriteNumber("latencyP99Ms", Math.Round(r.LatencyP99Ms, 1));
            w.WriteNumber("airtimeMs", Math.Round(r.AirtimeMs, 1));
            w.WriteNumber("receptionsLost", r.ReceptionsLost);
            w.WriteNumber("halfDuplexMisses", r.HalfDuplexMisses);
            SimCommand.WriteRunFields(w, r.Events, r.SimulatedSeconds, r.WallSeconds, r.EventsPerSecond, r.TraceHash, output);
        }

        private static void WriteSummary(RadioReport r, RadioOptions o)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(c, "EdgeMesh radio flooding simulation: {0} nodes on {1:F0} m × {1:F0} m (range {2} m, {3:F1} in range on average), loss {4:P1}, hop limit {5}, {6}, seed {7}", r.Nodes, r.SideMeters, o.RangeMeters, r.MeanNeighbours, o.Loss, r.HopLimit, o.SuppressionThreshold == 0 ? "plain flooding" : "managed flooding (suppression after " + o.SuppressionThreshold.ToString(c) + ")", o.Seed));
            Console.WriteLine(string.Format(c, "  delivery       {0:P3} of reachable receivers ({1} of {2}), coverage {3:P2} of all, over {4} messages", r.DeliveryRatio, r.Deliveries, r.ExpectedDeliveries, r.Coverage, r.Messages));
            Console.WriteLine(string.Format(c, "  transmissions  {0:F2} per message ({1} total), {2} rebroadcasts suppressed of {3} scheduled, {4} stopped at the hop limit", r.TransmissionsPerMessage, r.Transmissions, r.SuppressedRebroadcasts, r.RebroadcastsScheduled, r.HopLimitReached));
            Console.WriteLine(string.Format(c, "  hops           mean {0:F2}, max {1}; largest hop count heard {2}", r.HopsMean, r.HopsMax, r.MaxHopCountHeard));
            Console.WriteLine(string.Format(c, "  latency        p50 {0:F1} ms, p99 {1:F1} ms (simulated; airtime {2:F1} ms per frame)", r.LatencyP50Ms, r.LatencyP99Ms, r.AirtimeMs));
            Console.WriteLine(string.Format(c, "  medium         {0} receptions lost, {1} missed while transmitting", r.ReceptionsLost, r.HalfDuplexMisses));
            Console.WriteLine(string.Format(c, "  simulator      {0} events in {1:F2} s wall ({2:N0} events/s), {3:F1} s simulated, trace {4}", r.Events, r.WallSeconds, r.EventsPerSecond, r.SimulatedSeconds, r.TraceHash));
        }
    }
}

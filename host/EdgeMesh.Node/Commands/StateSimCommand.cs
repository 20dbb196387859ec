using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using EdgeMesh.Simulation;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh sim --state</c>: replicated fleet state under loss, a partition and crashes (docs/fleet-state.md §9).</summary>
    internal static class StateSimCommand
    {
        internal static int Run(StateScenarioOptions options, bool json)
        {
            int code = SimCommand.Execute(() => new StateScenario(options), (scenario, progress) => scenario.Run(progress), WriteJson, WriteSummary, json);
            return code;
        }

        internal static void WriteJson(StateReport r, Stream output)
        {
            using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("mode", "state");
            w.WriteNumber("nodes", r.Nodes);
            w.WriteNumber("writers", r.Writers);
            w.WriteNumber("seed", r.Seed);
            w.WriteNumber("writes", r.Writes);
            w.WriteNumber("restarts", r.Restarts);
            w.WriteNumber("recordsReplayed", r.RecordsReplayed);
            w.WriteBoolean("converged", r.Converged);
            w.WriteNumber("distinctDigests", r.DistinctDigests);
            Number(w, "convergenceMs", r.ConvergenceMs);
            Number(w, "convergenceAfterHealMs", r.ConvergenceAfterHealMs);
            w.WriteNumber("boundMs", r.BoundMs);
            w.WriteNumber("keys", r.Keys);
            w.WriteNumber("bytesPerNodePerSecond", Math.Round(r.BytesPerNodePerSecond, 1));
            Number(w, "steadyBytesPerNodePerSecond", r.SteadyBytesPerNodePerSecond);
            w.WriteNumber("messages", r.Messages);
            w.WriteNumber("messagesLost", r.MessagesLost);
            w.WriteNumber("deltasSent", r.DeltasSent);
            w.WriteNumber("fullStatesSent", r.FullStatesSent);
            w.WriteNumber("digestsSent", r.DigestsSent);
            w.WriteNumber("acksSent", r.AcksSent);
            w.WriteNumber("bufferDrops", r.BufferDrops);
            w.WriteNumber("largestMessageBytes", r.LargestMessageBytes);
            w.WriteNumber("entriesRefused", r.EntriesRefused);
            w.WriteNumber("simulatedSeconds", Math.Round(r.SimulatedSeconds, 3));
            w.WriteNumber("wallSeconds", Math.Round(r.WallSeconds, 3));
            w.WriteEndObject();
            w.Flush();
            output.WriteByte((byte)'\n');
        }

        private static void Number(Utf8JsonWriter w, string name, double value)
        {
            if (double.IsNaN(value))
            {
                w.WriteNull(name);
            }
            else
            {
                w.WriteNumber(name, Math.Round(value, 1));
            }
        }

        private static void WriteSummary(StateReport r)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(c, "EdgeMesh fleet-state simulation: {0} nodes, {1} writers, seed {2}", r.Nodes, r.Writers, r.Seed));
            Console.WriteLine(string.Format(c, "  result         {0}: {1} distinct digest(s) among live nodes; {2} keys", r.Converged ? "converged" : "NOT converged", r.DistinctDigests, r.Keys));
            Console.WriteLine(string.Format(c, "  convergence    {0:F0} ms after the last disturbance ({1:F0} ms after the heal); bound {2:F0} ms", r.ConvergenceMs, r.ConvergenceAfterHealMs, r.BoundMs));
            Console.WriteLine(string.Format(c, "  writes         {0} signed writes and removals; {1} restarts replayed {2} records", r.Writes, r.Restarts, r.RecordsReplayed));
            Console.WriteLine(string.Format(c, "  bytes          {0:F1} B/node/s during the run, {1:F1} B/node/s steady state", r.BytesPerNodePerSecond, r.SteadyBytesPerNodePerSecond));
            Console.WriteLine(string.Format(c, "  messages       {0} sent, {1} lost; {2} delta groups, {3} whole states, {4} digests, {5} acks; largest {6} B; {7} buffer drops", r.Messages, r.MessagesLost, r.DeltasSent, r.FullStatesSent, r.DigestsSent, r.AcksSent, r.LargestMessageBytes, r.BufferDrops));
            Console.WriteLine(string.Format(c, "  simulator      {0:F1} s simulated in {1:F2} s wall", r.SimulatedSeconds, r.WallSeconds));
        }
    }
}

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Runtime;
using System.Text.Json;
using EdgeMesh.Simulation;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh sim</c>: runs the gossip layer on the deterministic network simulator.</summary>
    internal static class SimCommand
    {
        internal static Command Create()
        {
            var nodes = new Option<int>("--nodes") { Description = "Number of simulated nodes.", DefaultValueFactory = _ => 100 };
            var loss = new Option<double>("--loss") { Description = "Frame loss probability, 0..1.", DefaultValueFactory = _ => 0.0 };
            var fail = new Option<double>("--fail") { Description = "Fraction of nodes crashed after the mesh formed, before the messages.", DefaultValueFactory = _ => 0.0 };
            var churn = new Option<double>("--churn") { Description = "Fraction of nodes that crash and restart while messages are sent.", DefaultValueFactory = _ => 0.0 };
            var partition = new Option<bool>("--partition") { Description = "Split the mesh into two halves after it formed, then heal it." };
            var partitionSeconds = new Option<double>("--partition-seconds") { Description = "Duration of the partition in simulated seconds.", DefaultValueFactory = _ => 30.0 };
            var messages = new Option<int>("--messages") { Description = "Messages to publish.", DefaultValueFactory = _ => 100 };
            var seed = new Option<ulong>("--seed") { Description = "Run seed: the same seed gives the same trace.", DefaultValueFactory = _ => 1UL };
            var interval = new Option<double?>("--interval-ms") { Description = "Time between messages, simulated milliseconds (default 100, or 2000 with --radio)." };
            var payload = new Option<int?>("--payload-bytes") { Description = "Payload size of each message (default 64, or 32 with --radio; at most 218 on radio)." };
            var latencyMin = new Option<double>("--latency-min-ms") { Description = "Smallest per-link base latency.", DefaultValueFactory = _ => 5.0 };
            var latencyMax = new Option<double>("--latency-max-ms") { Description = "Largest per-link base latency.", DefaultValueFactory = _ => 25.0 };
            var jitter = new Option<double>("--jitter-ms") { Description = "Mean exponential per-frame jitter.", DefaultValueFactory = _ => 2.0 };
            var bandwidth = new Option<long>("--bandwidth-kbps") { Description = "Uplink bandwidth per node in kbit/s (0: unlimited).", DefaultValueFactory = _ => 0L };
            var settle = new Option<double?>("--settle") { Description = "Seconds between the fault (crash or heal) and the first message (default 1, or 10 after a partition)." };
            var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a summary." };
            var radio = new Option<bool>("--radio") { Description = "Simulate one shared radio channel running managed flooding instead of the gossip layer (--nodes, --loss, --seed, --messages, --interval-ms, --payload-bytes apply; --loss is per receiver)." };
            var range = new Option<double>("--range-m") { Description = "With --radio: radio range in metres.", DefaultValueFactory = _ => 1000.0 };
            var neighbours = new Option<double>("--neighbours") { Description = "With --radio: mean number of nodes in range of a node (sets the area the nodes are placed on).", DefaultValueFactory = _ => 10.0 };
            var hopLimit = new Option<int>("--hop-limit") { Description = "With --radio: hop limit of every originated frame (0..15).", DefaultValueFactory = _ => 7 };
            var bitrate = new Option<long>("--bitrate-bps") { Description = "With --radio: bit rate of the channel, bits per second (sets the airtime of a frame).", DefaultValueFactory = _ => 5470L };
            var suppression = new Option<int>("--suppression") { Description = "With --radio: copies heard from neighbours that cancel a waiting rebroadcast (0: plain flooding, every node relays every new frame once).", DefaultValueFactory = _ => new RadioOptions().SuppressionThreshold };
            var noSnr = new Option<bool>("--no-snr") { Description = "With --radio: do not report the SNR to the flooder (its rebroadcast delay is then random)." };
            var state = new Option<bool>("--state") { Description = "Simulate the replicated fleet state (signed writes, anti-entropy, a partition, crashes with restarts from disk; defaults 200 nodes, 10 % loss, 60 s partition, 10 % churn; --nodes, --loss, --churn, --partition-seconds, --seed, --writers apply)." };
            var writers = new Option<int>("--writers") { Description = "With --state: nodes that write missions and configuration.", DefaultValueFactory = _ => 20 };

            var command = new Command("sim", "Run the gossip layer (HyParView, SWIM, PlumTree) on the deterministic network simulator, or with --radio managed flooding on a simulated radio channel.");
            foreach (Option option in new Option[] { nodes, loss, fail, churn, partition, partitionSeconds, messages, seed, interval, payload, latencyMin, latencyMax, jitter, bandwidth, settle, json, radio, range, neighbours, hopLimit, bitrate, suppression, noSnr, state, writers })
            {
                command.Options.Add(option);
            }

            command.SetAction(parseResult =>
            {
                if (parseResult.GetValue(state))
                {
                    var stateOptions = new StateScenarioOptions
                    {
                        Nodes = parseResult.GetResult(nodes) is { Implicit: false } ? parseResult.GetValue(nodes) : 200,
                        Loss = parseResult.GetResult(loss) is { Implicit: false } ? parseResult.GetValue(loss) : 0.1,
                        CrashFraction = parseResult.GetResult(churn) is { Implicit: false } ? parseResult.GetValue(churn) : 0.1,
                        PartitionSeconds = parseResult.GetResult(partitionSeconds) is { Implicit: false } ? parseResult.GetValue(partitionSeconds) : 60,
                        Writers = parseResult.GetValue(writers),
                        Seed = parseResult.GetValue(seed),
                    };
                    return StateSimCommand.Run(stateOptions, parseResult.GetValue(json));
                }

                if (parseResult.GetValue(radio))
                {
                    var radioOptions = new RadioOptions
                    {
                        Nodes = parseResult.GetValue(nodes),
                        Loss = parseResult.GetValue(loss),
                        Seed = parseResult.GetValue(seed),
                        Messages = parseResult.GetValue(messages),
                        MessageIntervalMs = parseResult.GetValue(interval) ?? 2_000,
                        PayloadBytes = parseResult.GetValue(payload) ?? 32,
                        RangeMeters = parseResult.GetValue(range),
                        MeanNeighbours = parseResult.GetValue(neighbours),
                        HopLimit = parseResult.GetValue(hopLimit),
                        BitrateBps = parseResult.GetValue(bitrate),
                        SuppressionThreshold = parseResult.GetValue(suppression),
                        UseSnr = !parseResult.GetValue(noSnr),
                    };
                    return RadioSimCommand.Run(radioOptions, parseResult.GetValue(json));
                }

                var options = new ScenarioOptions
                {
                    Nodes = parseResult.GetValue(nodes),
                    Loss = parseResult.GetValue(loss),
                    Fail = parseResult.GetValue(fail),
                    Churn = parseResult.GetValue(churn),
                    Partition = parseResult.GetValue(partition),
                    PartitionSeconds = parseResult.GetValue(partitionSeconds),
                    Messages = parseResult.GetValue(messages),
                    Seed = parseResult.GetValue(seed),
                    MessageIntervalMs = parseResult.GetValue(interval) ?? 100,
                    PayloadBytes = parseResult.GetValue(payload) ?? 64,
                    LatencyMinMs = parseResult.GetValue(latencyMin),
                    LatencyMaxMs = parseResult.GetValue(latencyMax),
                    JitterMs = parseResult.GetValue(jitter),
                    BandwidthKbps = parseResult.GetValue(bandwidth),
                    SettleSeconds = parseResult.GetValue(settle),
                };
                return Run(options, parseResult.GetValue(json));
            });
            return command;
        }

        private static int Run(ScenarioOptions options, bool json)
        {
            return Execute(() => new GossipScenario(options), (scenario, progress) => scenario.Run(progress), WriteJson, r => WriteSummary(r, options), json);
        }

        /// <summary>
        /// Builds a scenario (bad options: message, exit code 2), runs it with a progress bar on a
        /// terminal's stderr and the garbage collector in batch mode (a run is one single-threaded
        /// batch job; a background collection would only compete for its core), then prints it.
        /// </summary>
        internal static int Execute<TScenario, TReport>(Func<TScenario> create, Func<TScenario, Action<double>?, TReport> run, Action<TReport, Stream> writeJson, Action<TReport> writeSummary, bool json)
        {
            TScenario scenario;
            try
            {
                scenario = create();
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            using var bar = new ProgressBar(!Console.IsErrorRedirected && !json);
            GCLatencyMode previous = GCSettings.LatencyMode;
            GCSettings.LatencyMode = GCLatencyMode.Batch;
            TReport report;
            try
            {
                report = run(scenario, bar.Enabled ? bar.Report : null);
            }
            finally
            {
                GCSettings.LatencyMode = previous;
            }

            bar.Finish();
            if (json)
            {
                using Stream stdout = Console.OpenStandardOutput();
                writeJson(report, stdout);
            }
            else
            {
                writeSummary(report);
            }

            return 0;
        }

        internal static void WriteJson(ScenarioReport r, Stream output)
        {
            using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
            w.WriteStartObject();
            w.WriteNumber("nodes", r.Nodes);
            w.WriteNumber("aliveNodes", r.AliveNodes);
            w.WriteNumber("messages", r.Messages);
            w.WriteNumber("deliveryRatio", Math.Round(r.DeliveryRatio, 6));
            w.WriteNumber("expectedDeliveries", r.ExpectedDeliveries);
            w.WriteNumber("deliveries", r.Deliveries);
            w.WriteNumber("duplicateDeliveries", r.DuplicateDeliveries);
            w.WriteNumber("rmr", Math.Round(r.Rmr, 4));
            w.WriteNumber("rmrStable", Math.Round(r.RmrStable, 4));
            w.WriteNumber("lastDeliveryHopMax", r.LastDeliveryHopMax);
            w.WriteNumber("lastDeliveryHopMean", Math.Round(r.LastDeliveryHopMean, 2));
            w.WriteNumber("latencyP50Ms", Math.Round(r.LatencyP50Ms, 1));
            w.WriteNumber("latencyP99Ms", Math.Round(r.LatencyP99Ms, 1));
            WriteNullable(w, "membershipConvergedSeconds", r.MembershipConvergedSeconds);
            w.WriteNumber("convergenceBoundSeconds", r.ConvergenceBoundSeconds);
            w.WriteNumber("suspicionTimeoutSeconds", r.SuspicionTimeoutSeconds);
            WriteNullable(w, "overlayReconnectedSeconds", r.OverlayReconnectedSeconds);
            w.WriteBoolean("overlayConnected", r.OverlayConnected);
            w.WriteNumber("activeViewMin", r.ActiveViewMin);
            w.WriteNumber("activeViewMean", Math.Round(r.ActiveViewMean, 2));
            w.WriteNumber("asymmetricLinks", r.AsymmetricLinks);
            w.WriteNumber("framesSent", r.FramesSent);
            w.WriteNumber("framesLost", r.FramesLost);
            w.WriteNumber("payloadTransmissions", r.PayloadTransmissions);
            w.WriteNumber("sendQueueDrops", r.SendQueueDrops);
            WriteRunFields(w, r.Events, r.SimulatedSeconds, r.WallSeconds, r.EventsPerSecond, r.TraceHash, output);
        }

        /// <summary>The fields every simulation reports last (events, times, trace), then closes the object and ends the line.</summary>
        internal static void WriteRunFields(Utf8JsonWriter w, long events, double simulatedSeconds, double wallSeconds, double eventsPerSecond, string traceHash, Stream output)
        {
            w.WriteNumber("events", events);
            w.WriteNumber("simulatedSeconds", Math.Round(simulatedSeconds, 3));
            w.WriteNumber("wallSeconds", Math.Round(wallSeconds, 3));
            w.WriteNumber("eventsPerSecond", Math.Round(eventsPerSecond));
            w.WriteString("traceHash", traceHash);
            w.WriteEndObject();
            w.Flush();
            output.WriteByte((byte)'\n');
        }

        private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
        {
            if (value.HasValue)
            {
                w.WriteNumber(name, Math.Round(value.Value, 3));
            }
            else
            {
                w.WriteNull(name);
            }
        }

        private static void WriteSummary(ScenarioReport r, ScenarioOptions o)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(c, "EdgeMesh gossip simulation: {0} nodes, loss {1:P1}, fail {2:P0}, churn {3:P0}{4}, seed {5}", r.Nodes, o.Loss, o.Fail, o.Churn, o.Partition ? ", partition " + o.PartitionSeconds.ToString(c) + " s" : string.Empty, o.Seed));
            Console.WriteLine(string.Format(c, "  delivery       {0:P3} ({1} of {2} expected, {3} duplicates) over {4} messages", r.DeliveryRatio, r.Deliveries, r.ExpectedDeliveries, r.DuplicateDeliveries, r.Messages));
            Console.WriteLine(string.Format(c, "  redundancy     RMR {0:F3} (second half {1:F3}), {2} payload transmissions", r.Rmr, r.RmrStable, r.PayloadTransmissions));
            Console.WriteLine(string.Format(c, "  hops           last-delivery max {0}, mean {1:F2}", r.LastDeliveryHopMax, r.LastDeliveryHopMean));
            Console.WriteLine(string.Format(c, "  latency        p50 {0:F1} ms, p99 {1:F1} ms (simulated)", r.LatencyP50Ms, r.LatencyP99Ms));
            Console.WriteLine(string.Format(c, "  membership     {0} of {1} nodes alive; views clean of dead nodes after {2} (bound {3:F1} s)", r.AliveNodes, r.Nodes, r.MembershipConvergedSeconds.HasValue ? r.MembershipConvergedSeconds.Value.ToString("F2", c) + " s" : "never", r.ConvergenceBoundSeconds));
            Console.WriteLine(string.Format(c, "  overlay        {0}; active view min {1}, mean {2:F2}; {3} one-sided links{4}", r.OverlayConnected ? "connected" : "SPLIT", r.ActiveViewMin, r.ActiveViewMean, r.AsymmetricLinks, r.OverlayReconnectedSeconds.HasValue ? string.Format(c, "; rejoined {0:F2} s after heal", r.OverlayReconnectedSeconds.Value) : string.Empty));
            Console.WriteLine(string.Format(c, "  network        {0} frames sent, {1} lost, {2} dropped by send queues", r.FramesSent, r.FramesLost, r.SendQueueDrops));
            Console.WriteLine(string.Format(c, "  simulator      {0} events in {1:F2} s wall ({2:N0} events/s), {3:F1} s simulated, trace {4}", r.Events, r.WallSeconds, r.EventsPerSecond, r.SimulatedSeconds, r.TraceHash));
        }

        /// <summary>A one-line progress bar on stderr, drawn only when stderr is a terminal.</summary>
        private sealed class ProgressBar : IDisposable
        {
            private int lastPercent = -1;

            internal ProgressBar(bool enabled)
            {
                Enabled = enabled;
            }

            internal bool Enabled { get; }

            internal void Report(double fraction)
            {
                int percent = (int)(Math.Clamp(fraction, 0, 1) * 100);
                if (percent == lastPercent)
                {
                    return;
                }

                lastPercent = percent;
                int filled = percent * 40 / 100;
                Console.Error.Write("\r[" + new string('#', filled) + new string('.', 40 - filled) + "] " + percent.ToString(CultureInfo.InvariantCulture) + "%");
            }

            internal void Finish()
            {
                if (Enabled && lastPercent >= 0)
                {
                    Console.Error.Write("\r" + new string(' ', 50) + "\r");
                    lastPercent = -1;
                }
            }

            public void Dispose()
            {
                Finish();
            }
        }
    }
}

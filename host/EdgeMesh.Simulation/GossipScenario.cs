using System;
using System.Collections.Generic;
using EdgeMesh.Gossip;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// Runs the scripted scenario of <see cref="ScenarioOptions"/> on a <see cref="NetworkSimulator"/>
    /// and measures it into a <see cref="ScenarioReport"/>.
    /// </summary>
    public sealed class GossipScenario
    {
        private const long CheckIntervalUs = 250_000;
        private readonly ScenarioOptions options;
        private readonly NetworkSimulator sim;
        private readonly ScenarioMetrics metrics;
        private readonly ulong topic = TopicId.FromName("sim/telemetry");
        private readonly long formedUs;
        private readonly long healUs;
        private readonly long messagesStartUs;
        private readonly long endUs;
        private long crashUs = -1;
        private long? convergedUs;
        private long? reconnectedUs;

        /// <summary>Prepares a run (nothing is simulated until <see cref="Run"/>).</summary>
        public GossipScenario(ScenarioOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            Validate(options);
            this.options = options;
            options.Gossip.FleetSizeHint = options.Nodes;
            var links = new LinkModel
            {
                LossRate = options.Loss,
                LatencyMinUs = SimClock.Us(options.LatencyMinMs / 1000),
                LatencyMaxUs = SimClock.Us(options.LatencyMaxMs / 1000),
                JitterMeanUs = SimClock.Us(options.JitterMs / 1000),
                BandwidthBitsPerSecond = options.BandwidthKbps * 1000,
                Seed = SeededRandom.DeriveSeed(options.Seed, 7),
            };
            sim = new NetworkSimulator(options.Nodes, options.Gossip, links, options.Seed);
            metrics = new ScenarioMetrics(options.Nodes, options.Messages, topic);
            sim.Observer = metrics;
            formedUs = SimClock.Us(((options.Nodes - 1) * options.JoinIntervalMs / 1000) + options.WarmupSeconds);
            healUs = options.Partition ? formedUs + SimClock.Us(options.PartitionSeconds) : formedUs;
            double settle = options.SettleSeconds ?? (options.Partition ? 10 : 1);
            messagesStartUs = healUs + SimClock.Us(settle);
            long messagesEndUs = messagesStartUs + SimClock.Us(Math.Max(0, options.Messages - 1) * options.MessageIntervalMs / 1000);
            endUs = messagesEndUs + SimClock.Us(options.DrainSeconds);
            if (options.Fail > 0)
            {
                endUs = Math.Max(endUs, formedUs + SimClock.Us(ConvergenceBoundSeconds + 5));
            }

            Script(messagesEndUs);
        }

        /// <summary>The simulator (to inspect nodes after or during a run).</summary>
        public NetworkSimulator Simulator
        {
            get { return sim; }
        }

        /// <summary>Simulated end time of the run, microseconds.</summary>
        public long EndUs
        {
            get { return endUs; }
        }

        private double ConvergenceBoundSeconds
        {
            get
            {
                GossipOptions g = options.Gossip;
                return (((g.ActiveViewSize + 1) * g.ProbeIntervalMs) + g.SuspicionTimeoutMs + 1000) / 1000.0;
            }
        }

        /// <summary>Runs the whole scenario and measures it.</summary>
        public ScenarioReport Run(Action<double>? progress = null)
        {
            sim.Progress = progress;
            (double wall, double rate) = SimClock.Time(() => sim.RunUntil(endUs), () => sim.Events);
            ScenarioReport report = Measure();
            report.WallSeconds = wall;
            report.EventsPerSecond = rate;
            return report;
        }

        private static void Validate(ScenarioOptions o)
        {
            if (o.Nodes < 2 || o.Messages < 0 || o.Loss < 0 || o.Loss >= 1 || o.Fail < 0 || o.Fail >= 1 || o.Churn < 0 || o.Churn > 1
                || o.PayloadBytes < 0 || o.MessageIntervalMs < 0 || o.JoinIntervalMs < 0 || o.PartitionSeconds < 0 || o.WarmupSeconds < 0)
            {
                throw new ArgumentException("Scenario option out of range.");
            }
        }

        private void Script(long messagesEndUs)
        {
            IRandomSource rng = sim.Random;
            for (int i = 0; i < options.Nodes; i++)
            {
                sim.ScheduleStart(i, SimClock.Us(i * options.JoinIntervalMs / 1000), i == 0 ? -1 : rng.Next(i));
            }

            int failures = (int)Math.Round(options.Fail * options.Nodes);
            if (failures > 0)
            {
                crashUs = formedUs;
                foreach (int victim in Sample(rng, options.Nodes, failures))
                {
                    sim.ScheduleCrash(victim, formedUs);
                }
            }

            if (options.Partition)
            {
                int[] half = Sample(rng, options.Nodes, options.Nodes / 2);
                sim.Schedule(formedUs, () =>
                {
                    foreach (int i in half)
                    {
                        sim.SetGroup(i, 1);
                    }
                });
                sim.Schedule(healUs, () =>
                {
                    for (int i = 0; i < options.Nodes; i++)
                    {
                        sim.SetGroup(i, 0);
                    }
                });
            }

            byte[] payload = new byte[options.PayloadBytes];
            for (int k = 0; k < options.Messages; k++)
            {
                sim.Schedule(messagesStartUs + SimClock.Us(k * options.MessageIntervalMs / 1000), () => PublishFromRandomNode(payload));
            }

            int churned = (int)Math.Round(options.Churn * options.Nodes);
            long span = Math.Max(1, messagesEndUs - messagesStartUs);
            for (int j = 0; j < churned; j++)
            {
                long at = messagesStartUs + (long)(rng.NextDouble() * span);
                sim.Schedule(at, () =>
                {
                    int victim = RandomUp();
                    if (victim >= 0)
                    {
                        sim.ScheduleCrash(victim, sim.NowUs);
                        sim.ScheduleRestart(victim, sim.NowUs + SimClock.Us(options.ChurnDowntimeSeconds));
                    }
                });
            }

            for (long t = formedUs; t <= endUs; t += CheckIntervalUs)
            {
                sim.Schedule(t, Check);
            }
        }

        private void PublishFromRandomNode(byte[] payload)
        {
            int origin = RandomUp();
            if (origin >= 0)
            {
                sim.Publish(origin, topic, options.Priority, payload, out _);
            }
        }

        private int RandomUp()
        {
            int up = 0;
            for (int i = 0; i < sim.NodeCount; i++)
            {
                up += sim.IsUp(i) ? 1 : 0;
            }

            int pick = sim.Random.Next(up);
            for (int i = 0; i < sim.NodeCount; i++)
            {
                if (sim.IsUp(i) && pick-- == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        private static int[] Sample(IRandomSource rng, int n, int k)
        {
            int[] all = new int[n];
            for (int i = 0; i < n; i++)
            {
                all[i] = i;
            }

            for (int i = 0; i < k; i++)
            {
                int j = i + rng.Next(n - i);
                (all[i], all[j]) = (all[j], all[i]);
            }

            return all.AsSpan(0, k).ToArray();
        }

        private void Check()
        {
            if (crashUs >= 0 && convergedUs == null && sim.NowUs >= crashUs && OverlayChecks.ViewsExcludeDown(sim))
            {
                convergedUs = sim.NowUs;
            }

            if (options.Partition && reconnectedUs == null && sim.NowUs >= healUs && OverlayChecks.Components(sim) == 1)
            {
                reconnectedUs = sim.NowUs;
            }
        }

        private ScenarioReport Measure()
        {
            var report = new ScenarioReport
            {
                Nodes = options.Nodes,
                Messages = metrics.Published,
                Events = sim.Events,
                SimulatedSeconds = sim.NowUs / 1e6,
                TraceHash = sim.Trace.ToString(),
                FramesSent = sim.FramesSent,
                FramesLost = sim.FramesLost,
                DuplicateDeliveries = metrics.DuplicateDeliveries,
                ConvergenceBoundSeconds = ConvergenceBoundSeconds,
                SuspicionTimeoutSeconds = options.Gossip.SuspicionTimeoutMs / 1000.0,
                OverlayConnected = OverlayChecks.Components(sim) == 1,
                AsymmetricLinks = OverlayChecks.AsymmetricLinks(sim),
            };
            if (crashUs < 0)
            {
                report.MembershipConvergedSeconds = 0;
            }
            else if (convergedUs != null)
            {
                report.MembershipConvergedSeconds = (convergedUs.Value - crashUs) / 1e6;
            }

            if (reconnectedUs != null)
            {
                report.OverlayReconnectedSeconds = (reconnectedUs.Value - healUs) / 1e6;
            }

            MeasureNodes(report);
            MeasureMessages(report);
            return report;
        }

        private void MeasureNodes(ScenarioReport report)
        {
            int alive = 0;
            int minActive = int.MaxValue;
            long activeSum = 0;
            long drops = 0;
            for (int i = 0; i < sim.NodeCount; i++)
            {
                GossipNode? node = sim.Node(i);
                if (node == null)
                {
                    continue;
                }

                alive++;
                minActive = Math.Min(minActive, node.ActiveView.Count);
                activeSum += node.ActiveView.Count;
                for (int p = 0; p < 4; p++)
                {
                    drops += node.Counters.SendQueueDrops((Priority)p);
                }
            }

            report.AliveNodes = alive;
            report.ActiveViewMin = alive == 0 ? 0 : minActive;
            report.ActiveViewMean = alive == 0 ? 0 : (double)activeSum / alive;
            report.SendQueueDrops = drops;
        }

        private void MeasureMessages(ScenarioReport report)
        {
            int n = options.Nodes;
            var latencies = new List<long>();
            var perMessage = new List<MessageStats>(metrics.Published);
            double rmrSum = 0;
            double rmrStableSum = 0;
            int rmrCount = 0;
            int rmrStableCount = 0;
            long hopSum = 0;
            for (int k = 0; k < metrics.Published; k++)
            {
                int reached = 0;
                int lastRound = 0;
                int expectedHere = 0;
                int deliveredHere = 0;
                for (int v = 0; v < n; v++)
                {
                    int cell = (k * n) + v;
                    reached += metrics.Reached[cell] && v != metrics.Origins[k] ? 1 : 0;
                    bool expected = v != metrics.Origins[k] && sim.IsUp(v) && sim.UpSinceUs(v) <= metrics.SentUs[k];
                    if (!expected)
                    {
                        continue;
                    }

                    expectedHere++;
                    if (metrics.Delivered[cell])
                    {
                        deliveredHere++;
                        latencies.Add(metrics.DeliveredUs[cell] - metrics.SentUs[k]);
                        lastRound = Math.Max(lastRound, metrics.DeliveredRound[cell]);
                    }
                }

                report.ExpectedDeliveries += expectedHere;
                report.Deliveries += deliveredHere;
                perMessage.Add(new MessageStats(metrics.Origins[k], metrics.SentUs[k], metrics.Transmissions[k], reached, deliveredHere, expectedHere, lastRound));
                report.PayloadTransmissions += metrics.Transmissions[k];
                report.LastDeliveryHopMax = Math.Max(report.LastDeliveryHopMax, lastRound);
                hopSum += lastRound;
                if (reached > 0)
                {
                    double rmr = ((double)metrics.Transmissions[k] / reached) - 1;
                    rmrSum += rmr;
                    rmrCount++;
                    if (k >= metrics.Published / 2)
                    {
                        rmrStableSum += rmr;
                        rmrStableCount++;
                    }
                }
            }

            report.PerMessage = perMessage;
            report.DeliveryRatio = report.ExpectedDeliveries == 0 ? 1 : (double)report.Deliveries / report.ExpectedDeliveries;
            report.Rmr = rmrCount == 0 ? 0 : rmrSum / rmrCount;
            report.RmrStable = rmrStableCount == 0 ? 0 : rmrStableSum / rmrStableCount;
            report.LastDeliveryHopMean = metrics.Published == 0 ? 0 : (double)hopSum / metrics.Published;
            latencies.Sort();
            report.LatencyP50Ms = Percentiles.NearestRank(latencies, 0.50) / 1000.0;
            report.LatencyP99Ms = Percentiles.NearestRank(latencies, 0.99) / 1000.0;
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.Gossip;
using EdgeMesh.Protocol.Flooding;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// Floods <see cref="RadioOptions.Messages"/> messages, each from a random node, over a
    /// <see cref="RadioMedium"/> whose nodes are placed uniformly at random (from the seed) on a
    /// square, and measures delivery, transmissions, suppression, hops and latency into a
    /// <see cref="RadioReport"/>.
    /// </summary>
    public sealed class RadioScenario
    {
        private readonly RadioOptions options;
        private readonly RadioMedium medium;
        private readonly Dictionary<MessageId, int> index = new Dictionary<MessageId, int>();
        private readonly List<long> latencies = new List<long>();
        private readonly long[] sentUs;
        private readonly int[] expected;
        private readonly bool[] reachable;
        private readonly int[] origins;
        private readonly long endUs;
        private int published;
        private long deliveries;
        private long expectedTotal;
        private long hopSum;
        private int hopsMax;

        /// <summary>Places the nodes and scripts the messages (nothing is simulated until <see cref="Run"/>).</summary>
        public RadioScenario(RadioOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            this.options = options;
            int n = options.Nodes;
            var place = new SeededRandom(SeededRandom.DeriveSeed(options.Seed, 0x91AC_E000UL));
            var x = new double[n];
            var y = new double[n];
            double side = options.SideMeters;
            for (int i = 0; i < n; i++)
            {
                x[i] = place.NextDouble() * side;
                y[i] = place.NextDouble() * side;
            }

            medium = new RadioMedium(options, x, y) { Delivered = OnDelivered };
            sentUs = new long[options.Messages];
            expected = new int[options.Messages];
            origins = new int[options.Messages];
            reachable = new bool[options.Messages * n];
            byte[] payload = new byte[options.PayloadBytes];
            for (int k = 0; k < options.Messages; k++)
            {
                medium.Schedule(SimClock.Us(k * options.MessageIntervalMs / 1000), () => Publish(payload));
            }

            endUs = SimClock.Us((Math.Max(0, options.Messages - 1) * options.MessageIntervalMs / 1000) + options.DrainSeconds);
        }

        /// <summary>The per-node flooders (to inspect counters after a run).</summary>
        public IReadOnlyList<ManagedFlooder> Flooders
        {
            get { return medium.Flooders; }
        }

        /// <summary>Nodes in radio range of node <paramref name="node"/>.</summary>
        public IReadOnlyList<int> NeighboursOf(int node)
        {
            return medium.NeighboursOf(node);
        }

        /// <summary>Runs the whole scenario; <paramref name="progress"/> gets the fraction of simulated time done.</summary>
        public RadioReport Run(Action<double>? progress = null)
        {
            if (progress != null)
            {
                medium.Progress = now => progress(endUs == 0 ? 1 : (double)now / endUs);
            }

            (double wall, double rate) = SimClock.Time(() => medium.RunUntil(endUs), () => medium.Events);
            RadioReport report = Measure();
            report.WallSeconds = wall;
            report.EventsPerSecond = rate;
            return report;
        }

        private void Publish(byte[] payload)
        {
            int n = options.Nodes;
            int origin = medium.Random.Next(n);
            int k = published++;
            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = SecurityMode.None,
                Priority = Priority.Telemetry,
                HopLimit = (byte)options.HopLimit,
                Sender = NetworkSimulator.IdOf(origin),
                Sequence = (ulong)k + 1,
                TimestampMs = (ulong)(medium.NowUs / 1000),
                Destination = TopicId.FromName("sim/radio"),
                PayloadType = PayloadTypes.Raw,
                PayloadLength = payload.Length,
            };
            byte[] frame = new byte[header.FrameLength];
            FrameCodec.Encode(ref header, payload, 0, payload.Length, frame, 0, frame.Length, out int written);
            index[new MessageId(header.Sender, header.Sequence)] = k;
            origins[k] = origin;
            sentUs[k] = medium.NowUs;
            expected[k] = MarkReachable(k, origin);
            expectedTotal += expected[k];
            medium.Originate(origin, frame, written);
        }

        /// <summary>Breadth-first search of the range graph: nodes within hop limit + 1 hops can be reached. Returns how many (publisher excluded).</summary>
        private int MarkReachable(int k, int origin)
        {
            int n = options.Nodes;
            var depth = new int[n];
            Array.Fill(depth, -1);
            var frontier = new Queue<int>();
            depth[origin] = 0;
            frontier.Enqueue(origin);
            int count = 0;
            while (frontier.Count > 0)
            {
                int v = frontier.Dequeue();
                if (depth[v] > options.HopLimit)
                {
                    continue;
                }

                foreach (int w in medium.NeighboursOf(v))
                {
                    if (depth[w] < 0)
                    {
                        depth[w] = depth[v] + 1;
                        reachable[(k * n) + w] = true;
                        count++;
                        frontier.Enqueue(w);
                    }
                }
            }

            return count;
        }

        private void OnDelivered(int node, FrameHeader header, long timeUs)
        {
            if (!index.TryGetValue(new MessageId(header.Sender, header.Sequence), out int k) || !reachable[(k * options.Nodes) + node])
            {
                return;
            }

            deliveries++;
            latencies.Add(timeUs - sentUs[k]);
            int hops = header.HopCount + 1;
            hopSum += hops;
            hopsMax = Math.Max(hopsMax, hops);
        }

        private RadioReport Measure()
        {
            long scheduled = 0;
            long suppressed = 0;
            long hopLimited = 0;
            foreach (ManagedFlooder f in medium.Flooders)
            {
                scheduled += f.RebroadcastsScheduled;
                suppressed += f.Suppressed;
                hopLimited += f.HopLimitReached;
            }

            long neighbourSum = 0;
            for (int i = 0; i < options.Nodes; i++)
            {
                neighbourSum += medium.NeighboursOf(i).Length;
            }

            latencies.Sort();
            return new RadioReport
            {
                Nodes = options.Nodes,
                Messages = published,
                SideMeters = options.SideMeters,
                MeanNeighbours = (double)neighbourSum / options.Nodes,
                HopLimit = options.HopLimit,
                Deliveries = deliveries,
                ExpectedDeliveries = expectedTotal,
                DeliveryRatio = expectedTotal == 0 ? 1 : (double)deliveries / expectedTotal,
                Coverage = published == 0 ? 1 : (double)deliveries / ((long)published * (options.Nodes - 1)),
                Transmissions = medium.Transmissions,
                TransmissionsPerMessage = published == 0 ? 0 : (double)medium.Transmissions / published,
                RebroadcastsScheduled = scheduled,
                SuppressedRebroadcasts = suppressed,
                HopLimitReached = hopLimited,
                HopsMean = deliveries == 0 ? 0 : (double)hopSum / deliveries,
                HopsMax = hopsMax,
                MaxHopCountHeard = medium.MaxHopCountHeard,
                LatencyP50Ms = Percentiles.NearestRank(latencies, 0.50) / 1000.0,
                LatencyP99Ms = Percentiles.NearestRank(latencies, 0.99) / 1000.0,
                AirtimeMs = medium.AirtimeUs(WireFormat.HeaderLength + options.PayloadBytes) / 1000.0,
                ReceptionsLost = medium.Lost,
                HalfDuplexMisses = medium.HalfDuplexMisses,
                Events = medium.Events,
                SimulatedSeconds = medium.NowUs / 1e6,
                TraceHash = medium.Trace.ToString(),
            };
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;
using EdgeMesh.Simulation;

namespace EdgeMesh.Node.Demo
{
    /// <summary>
    /// <c>edgemesh demo</c>: a throwaway fleet of real nodes (production mode: certificates, signed
    /// frames, gossip) in this process, on loopback UDP with discovery kept on this host (interface
    /// 127.0.0.1, multicast TTL 0). Every node publishes heartbeats and telemetry that every other
    /// node subscribes to; the first node sends one MotionCommand to the last robot's topic. The
    /// traffic phase lasts exactly the planned duration by the wall clock (a tick that comes late is
    /// skipped, not made up in a burst), the drain after it at most <see cref="DrainPatience"/>.
    /// Latency percentiles, fleet-wide and per node, cover the whole run (one histogram each), so the
    /// header, the rows and the summary agree; the last frame of the live view is the summary's data.
    /// CPU time is measured over the traffic and drain phases and reported per node and per delivery.
    /// </summary>
    internal sealed class FleetDemo
    {
        internal const string HeartbeatTopic = "fleet/heartbeat";
        internal const string TelemetryTopic = "fleet/telemetry";
        /// <summary>Longest wait for the last deliveries once the traffic stopped.</summary>
        internal static readonly TimeSpan DrainPatience = TimeSpan.FromSeconds(2);

        private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(20);

        private readonly IFleetDemoView? _view;
        private readonly DemoPlan _plan;
        private readonly int _count;
        private readonly TimeSpan _duration;
        private readonly Lock _gate = new();
        private readonly Bench.LatencyHistogram _latencies = new();
        private readonly Bench.LatencyHistogram[] _nodeLatencies;
        private readonly long[] _receivedBy;
        private readonly long[] _publishedBy;
        private long _delivered;
        private long _expected;
        private long _published;
        private long _skippedTicks;
        private bool _motionDelivered;

        /// <summary>A demo of <paramref name="nodes"/> nodes publishing at the default rate for <paramref name="duration"/>.</summary>
        internal FleetDemo(IFleetDemoView? view, int nodes, TimeSpan duration)
            : this(view, DemoPlan.Default(nodes, duration))
        {
        }

        /// <summary>A demo following <paramref name="plan"/>; progress goes to <paramref name="view"/> when given.</summary>
        internal FleetDemo(IFleetDemoView? view, DemoPlan plan)
        {
            _view = view;
            _plan = plan;
            _count = plan.Nodes;
            _duration = plan.Duration;
            _receivedBy = new long[_count];
            _publishedBy = new long[_count];
            _nodeLatencies = new Bench.LatencyHistogram[_count];
            for (int i = 0; i < _count; i++)
            {
                _nodeLatencies[i] = new Bench.LatencyHistogram();
            }
        }

        internal async Task<FleetDemoResult> RunAsync(CancellationToken cancellationToken)
        {
            var readers = new List<Task>();
            var subscriptions = new List<Subscription>();
            LocalFleet fleet = LocalFleet.Create(_count, SecurityProfile.Production);
            try
            {
                var clock = Stopwatch.StartNew();
                int joined = await fleet.StartAndJoinAsync(JoinPatience, cancellationToken).ConfigureAwait(false);
                _view?.Joined(joined, _count, clock.Elapsed.TotalSeconds);

                List<MeshNode> nodes = fleet.Nodes.ToList();
                MeshNode robot = nodes[^1];
                string motionTopic = "robot/" + robot.Id + "/motion";
                for (int i = 0; i < nodes.Count; i++)
                {
                    var topics = new List<string> { HeartbeatTopic, TelemetryTopic };
                    if (i == nodes.Count - 1)
                    {
                        topics.Add(motionTopic);
                    }

                    Subscription subscription = nodes[i].Subscribe(topics);
                    subscriptions.Add(subscription);
                    readers.Add(ReadAsync(subscription, i, NodeIds.FormatShort(nodes[i].Id), motionTopic));
                }

                var traffic = Stopwatch.StartNew();
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                long[] receivedAt = new long[_count];
                long[] publishedAt = new long[_count];
                double trafficSeconds = await PublishAsync(nodes, motionTopic, receivedAt, publishedAt, cancellationToken).ConfigureAwait(false);
                await DrainAsync(cancellationToken).ConfigureAwait(false);
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                // Stop counting before the figures are read, so the summary and the last frame agree exactly.
                subscriptions.ForEach(s => s.Dispose());
                await Task.WhenAll(readers).ConfigureAwait(false);
                FleetDemoResult result = Result(joined, trafficSeconds, traffic.Elapsed.TotalSeconds, cpuSeconds);
                // The last frame shows the summary's figures: after the drain, over the whole run.
                _view?.Update(Snapshot(nodes, trafficSeconds, Math.Max(0.001, traffic.Elapsed.TotalSeconds - trafficSeconds), receivedAt, publishedAt, final: true));
                return result;
            }
            finally
            {
                subscriptions.ForEach(s => s.Dispose());
                await Task.WhenAll(readers).ConfigureAwait(false);
                await fleet.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Publishes tick by tick until the duration is over by the wall clock; returns the seconds it took.</summary>
        private async Task<double> PublishAsync(List<MeshNode> nodes, string motionTopic, long[] receivedAtSecond, long[] publishedAtSecond, CancellationToken cancellationToken)
        {
            int tickMs = _plan.TickMs;
            int ticks = (int)Math.Max(1, _duration.TotalMilliseconds / tickMs);
            var payload = new byte[256];
            var sensorIds = new ushort[] { 1, 2, 3 };
            var values = new float[3];
            var second = Stopwatch.StartNew();
            var elapsed = Stopwatch.StartNew();
            bool motionSent = false;
            for (int tick = 0; tick < ticks; tick++)
            {
                // Tick k starts at k × tick by the clock; one more than two ticks late is skipped (and
                // counted) so an overloaded machine thins the traffic instead of the run growing.
                long dueMs = (long)tick * tickMs;
                if (elapsed.Elapsed >= _duration && motionSent)
                {
                    _skippedTicks += ticks - tick;
                    break; // the duration is over by the clock
                }

                if (elapsed.ElapsedMilliseconds >= dueMs + (2L * tickMs) && tick != ticks / 2)
                {
                    _skippedTicks++;
                    continue;
                }

                for (int i = 0; i < nodes.Count; i++)
                {
                    values[0] = 20f + i;
                    values[1] = tick;
                    values[2] = 0.5f;
                    Check(TelemetryCodec.Encode(sensorIds, values, 0, 3, payload, 0, payload.Length, out int length));
                    Publish(nodes, i, TelemetryTopic, PayloadType.Telemetry, payload.AsSpan(0, length), Priority.Telemetry, nodes.Count - 1);
                    if (tick % DemoPlan.HeartbeatEveryTicks == 0)
                    {
                        var pose = new Pose(new Vector3F(i, tick * 0.1f, 0f), QuaternionF.Identity);
                        Check(HeartbeatCodec.Encode(new Heartbeat(Protocol.Payloads.NodeStatus.Ok, 8000, 24000, (uint)(tick / 5), pose), payload, 0, payload.Length, out length));
                        Publish(nodes, i, HeartbeatTopic, PayloadType.Heartbeat, payload.AsSpan(0, length), Priority.Telemetry, nodes.Count - 1);
                    }
                }

                if (tick == ticks / 2 && !motionSent)
                {
                    motionSent = true;
                    Check(MotionCommandCodec.Encode(new MotionCommand(1, new Vector3F(0.4f, 0f, 0f), new Vector3F(0f, 0f, 0.25f), 500), payload, 0, payload.Length, out int length));
                    Publish(nodes, 0, motionTopic, PayloadType.MotionCommand, payload.AsSpan(0, length), Priority.Motion, 1);
                }

                if (_view != null && second.ElapsedMilliseconds >= 1000)
                {
                    _view.Update(Snapshot(nodes, elapsed.Elapsed.TotalSeconds, second.Elapsed.TotalSeconds, receivedAtSecond, publishedAtSecond, final: false));
                    second.Restart();
                }

                long wait = ((long)(tick + 1) * tickMs) - elapsed.ElapsedMilliseconds;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
                }
            }

            return elapsed.Elapsed.TotalSeconds;
        }

        private void Publish(List<MeshNode> nodes, int index, string topic, ushort payloadType, ReadOnlySpan<byte> payload, Priority priority, int receivers)
        {
            Interlocked.Add(ref _expected, receivers);
            if (nodes[index].Publish(topic, payloadType, payload, priority) == PublishResult.Published)
            {
                Interlocked.Increment(ref _published);
                Interlocked.Increment(ref _publishedBy[index]);
            }
        }

        private async Task DrainAsync(CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            while (Interlocked.Read(ref _delivered) < Interlocked.Read(ref _expected) && waited.Elapsed < DrainPatience)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Counts what a node receives from the others (its own publications come back locally and are skipped).</summary>
        private async Task ReadAsync(Subscription subscription, int index, string self, string motionTopic)
        {
            try
            {
                while (await subscription.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (subscription.Reader.TryRead(out MeshMessage? message))
                    {
                        if (message.Sender == self)
                        {
                            continue;
                        }

                        Interlocked.Increment(ref _delivered);
                        Interlocked.Increment(ref _receivedBy[index]);
                        long latency = Math.Max(0, message.ReceivedMs - message.TimestampMs);
                        lock (_gate)
                        {
                            _latencies.Record(latency);
                            _nodeLatencies[index].Record(latency);
                            _motionDelivered |= message.Topic == motionTopic;
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The subscription was closed.
            }
        }

        /// <summary>The live view's figures; <paramref name="receivedAt"/> and <paramref name="publishedAt"/> hold the counts at the last call and are updated.</summary>
        private FleetDemoSnapshot Snapshot(List<MeshNode> nodes, double elapsedSeconds, double intervalSeconds, long[] receivedAt, long[] publishedAt, bool final)
        {
            var rows = new List<FleetDemoNodeRow>(nodes.Count);
            double perSecond = 0;
            lock (_gate)
            {
                for (int i = 0; i < nodes.Count; i++)
                {
                    List<Daemon.Api.PeerInfo> peers = nodes[i].GetPeers();
                    long received = Interlocked.Read(ref _receivedBy[i]);
                    long published = Interlocked.Read(ref _publishedBy[i]);
                    rows.Add(new FleetDemoNodeRow
                    {
                        Id = NodeIds.FormatShort(nodes[i].Id),
                        ActivePeers = peers.Count(p => p.State == "active"),
                        Peers = peers.Count,
                        InPerSecond = (received - receivedAt[i]) / intervalSeconds,
                        OutPerSecond = (published - publishedAt[i]) / intervalSeconds,
                        Delivered = received,
                        LatencyP50Ms = _nodeLatencies[i].Percentile(0.50),
                        LatencyP99Ms = _nodeLatencies[i].Percentile(0.99),
                    });
                    perSecond += (received - receivedAt[i]) / intervalSeconds;
                    receivedAt[i] = received;
                    publishedAt[i] = published;
                }

                return new FleetDemoSnapshot
                {
                    ElapsedSeconds = elapsedSeconds,
                    TotalSeconds = _duration.TotalSeconds,
                    Delivered = Math.Min(Interlocked.Read(ref _delivered), Interlocked.Read(ref _expected)),
                    Expected = Interlocked.Read(ref _expected),
                    DeliveredPerSecond = perSecond,
                    LatencyP50Ms = _latencies.Percentile(0.50),
                    LatencyP99Ms = _latencies.Percentile(0.99),
                    Final = final,
                    Nodes = rows,
                };
            }
        }

        private FleetDemoResult Result(int joined, double trafficSeconds, double seconds, double cpuSeconds)
        {
            long delivered = Math.Min(Interlocked.Read(ref _delivered), Interlocked.Read(ref _expected));
            lock (_gate)
            {
                return new FleetDemoResult
                {
                    Nodes = _count,
                    Joined = joined,
                    Expected = Interlocked.Read(ref _expected),
                    Delivered = Math.Min(Interlocked.Read(ref _delivered), Interlocked.Read(ref _expected)),
                    Published = Interlocked.Read(ref _published),
                    MotionDelivered = _motionDelivered,
                    LatencyP50Ms = _latencies.Percentile(0.50),
                    LatencyP99Ms = _latencies.Percentile(0.99),
                    DurationSeconds = Math.Round(trafficSeconds, 1),
                    WallSeconds = Math.Round(seconds, 1),
                    RatePerNode = Math.Round(_plan.Rate, 2),
                    SkippedTicks = _skippedTicks,
                    CpuCores = seconds <= 0 ? 0 : Math.Round(cpuSeconds / seconds, 2),
                    CpuMicrosecondsPerDelivery = delivered == 0 ? 0 : Math.Round(cpuSeconds * 1e6 / delivered, 1),
                };
            }
        }

        /// <summary>Nearest-rank percentile; 0 for no samples.</summary>
        internal static double Percentile(List<long> samples, double p)
        {
            long[] sorted = samples.ToArray();
            Array.Sort(sorted);
            return Percentiles.NearestRank(sorted, p);
        }

        private static void Check(FrameError result)
        {
            if (result != FrameError.None)
            {
                throw new InvalidOperationException("payload encoding failed: " + result);
            }
        }
    }
}

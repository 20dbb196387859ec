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
    /// node subscribes to; the first node sends one MotionCommand to the last robot's topic.
    /// </summary>
    internal sealed class FleetDemo
    {
        internal const string HeartbeatTopic = "fleet/heartbeat";
        internal const string TelemetryTopic = "fleet/telemetry";
        private const int TickMs = 200;
        private const int HeartbeatEveryTicks = 5;
        private static readonly TimeSpan JoinPatience = TimeSpan.FromSeconds(20);
        private static readonly TimeSpan DrainPatience = TimeSpan.FromSeconds(5);

        /// <summary>Latency samples per node kept for the live view's per-node percentiles.</summary>
        internal const int RecentLatencies = 256;

        private readonly IFleetDemoView? _view;
        private readonly int _count;
        private readonly TimeSpan _duration;
        private readonly Lock _gate = new();
        private readonly List<long> _latencies = new();
        private readonly long[] _receivedBy;
        private readonly long[] _publishedBy;
        private readonly long[][] _recent;
        private readonly int[] _recentNext;
        private long _delivered;
        private long _expected;
        private long _published;
        private bool _motionDelivered;

        /// <summary>A demo of <paramref name="nodes"/> nodes publishing for <paramref name="duration"/>; progress goes to <paramref name="view"/> when given.</summary>
        internal FleetDemo(IFleetDemoView? view, int nodes, TimeSpan duration)
        {
            _view = view;
            _count = nodes;
            _duration = duration;
            _receivedBy = new long[nodes];
            _publishedBy = new long[nodes];
            _recent = new long[nodes][];
            _recentNext = new int[nodes];
            for (int i = 0; i < nodes; i++)
            {
                _recent[i] = new long[RecentLatencies];
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
                await PublishAsync(nodes, motionTopic, cancellationToken).ConfigureAwait(false);
                await DrainAsync(cancellationToken).ConfigureAwait(false);
                return Result(joined, traffic.Elapsed.TotalSeconds);
            }
            finally
            {
                subscriptions.ForEach(s => s.Dispose());
                await Task.WhenAll(readers).ConfigureAwait(false);
                await fleet.DisposeAsync().ConfigureAwait(false);
            }
        }

        private async Task PublishAsync(List<MeshNode> nodes, string motionTopic, CancellationToken cancellationToken)
        {
            int ticks = (int)Math.Max(1, _duration.TotalMilliseconds / TickMs);
            var payload = new byte[256];
            var sensorIds = new ushort[] { 1, 2, 3 };
            var values = new float[3];
            var second = Stopwatch.StartNew();
            var elapsed = Stopwatch.StartNew();
            long[] receivedAtSecond = new long[_count];
            long[] publishedAtSecond = new long[_count];
            for (int tick = 0; tick < ticks; tick++)
            {
                for (int i = 0; i < nodes.Count; i++)
                {
                    values[0] = 20f + i;
                    values[1] = tick;
                    values[2] = 0.5f;
                    Check(TelemetryCodec.Encode(sensorIds, values, 0, 3, payload, 0, payload.Length, out int length));
                    Publish(nodes, i, TelemetryTopic, PayloadType.Telemetry, payload.AsSpan(0, length), Priority.Telemetry, nodes.Count - 1);
                    if (tick % HeartbeatEveryTicks == 0)
                    {
                        var pose = new Pose(new Vector3F(i, tick * 0.1f, 0f), QuaternionF.Identity);
                        Check(HeartbeatCodec.Encode(new Heartbeat(Protocol.Payloads.NodeStatus.Ok, 8000, 24000, (uint)(tick / 5), pose), payload, 0, payload.Length, out length));
                        Publish(nodes, i, HeartbeatTopic, PayloadType.Heartbeat, payload.AsSpan(0, length), Priority.Telemetry, nodes.Count - 1);
                    }
                }

                if (tick == ticks / 2)
                {
                    Check(MotionCommandCodec.Encode(new MotionCommand(1, new Vector3F(0.4f, 0f, 0f), new Vector3F(0f, 0f, 0.25f), 500), payload, 0, payload.Length, out int length));
                    Publish(nodes, 0, motionTopic, PayloadType.MotionCommand, payload.AsSpan(0, length), Priority.Motion, 1);
                }

                if (_view != null && second.ElapsedMilliseconds >= 1000)
                {
                    _view.Update(Snapshot(nodes, elapsed.Elapsed.TotalSeconds, second.Elapsed.TotalSeconds, receivedAtSecond, publishedAtSecond));
                    second.Restart();
                }

                await Task.Delay(TickMs, cancellationToken).ConfigureAwait(false);
            }
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
                            _latencies.Add(latency);
                            _recent[index][_recentNext[index]++ % RecentLatencies] = latency;
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
        private FleetDemoSnapshot Snapshot(List<MeshNode> nodes, double elapsedSeconds, double intervalSeconds, long[] receivedAt, long[] publishedAt)
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
                    var recent = new List<long>(_recent[i].AsSpan(0, Math.Min(_recentNext[i], RecentLatencies)).ToArray());
                    rows.Add(new FleetDemoNodeRow
                    {
                        Id = NodeIds.FormatShort(nodes[i].Id),
                        ActivePeers = peers.Count(p => p.State == "active"),
                        Peers = peers.Count,
                        InPerSecond = (received - receivedAt[i]) / intervalSeconds,
                        OutPerSecond = (published - publishedAt[i]) / intervalSeconds,
                        Delivered = received,
                        LatencyP50Ms = Percentile(recent, 0.50),
                        LatencyP99Ms = Percentile(recent, 0.99),
                    });
                    perSecond += (received - receivedAt[i]) / intervalSeconds;
                    receivedAt[i] = received;
                    publishedAt[i] = published;
                }

                return new FleetDemoSnapshot
                {
                    ElapsedSeconds = elapsedSeconds,
                    TotalSeconds = _duration.TotalSeconds,
                    Delivered = Interlocked.Read(ref _delivered),
                    Expected = Interlocked.Read(ref _expected),
                    DeliveredPerSecond = perSecond,
                    LatencyP50Ms = Percentile(_latencies, 0.50),
                    LatencyP99Ms = Percentile(_latencies, 0.99),
                    Nodes = rows,
                };
            }
        }

        private FleetDemoResult Result(int joined, double seconds)
        {
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
                    LatencyP50Ms = Percentile(_latencies, 0.50),
                    LatencyP99Ms = Percentile(_latencies, 0.99),
                    DurationSeconds = Math.Round(seconds, 1),
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

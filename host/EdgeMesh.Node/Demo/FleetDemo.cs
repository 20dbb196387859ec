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

        private readonly TextWriter? _live;
        private readonly int _count;
        private readonly TimeSpan _duration;
        private readonly Lock _gate = new();
        private readonly List<long> _latencies = new();
        private long _delivered;
        private long _expected;
        private long _published;
        private bool _motionDelivered;

        /// <summary>A demo of <paramref name="nodes"/> nodes publishing for <paramref name="duration"/>; live lines go to <paramref name="live"/> when given.</summary>
        internal FleetDemo(TextWriter? live, int nodes, TimeSpan duration)
        {
            _live = live;
            _count = nodes;
            _duration = duration;
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
                _live?.WriteLine($"{joined}/{_count} nodes joined in {clock.Elapsed.TotalSeconds:0.0} s");

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
                    readers.Add(ReadAsync(subscription, NodeIds.FormatShort(nodes[i].Id), motionTopic));
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
            long deliveredAtSecond = 0;
            for (int tick = 0; tick < ticks; tick++)
            {
                for (int i = 0; i < nodes.Count; i++)
                {
                    values[0] = 20f + i;
                    values[1] = tick;
                    values[2] = 0.5f;
                    Check(TelemetryCodec.Encode(sensorIds, values, 0, 3, payload, 0, payload.Length, out int length));
                    Publish(nodes[i], TelemetryTopic, PayloadType.Telemetry, payload.AsSpan(0, length), Priority.Telemetry, nodes.Count - 1);
                    if (tick % HeartbeatEveryTicks == 0)
                    {
                        var pose = new Pose(new Vector3F(i, tick * 0.1f, 0f), QuaternionF.Identity);
                        Check(HeartbeatCodec.Encode(new Heartbeat(Protocol.Payloads.NodeStatus.Ok, 8000, 24000, (uint)(tick / 5), pose), payload, 0, payload.Length, out length));
                        Publish(nodes[i], HeartbeatTopic, PayloadType.Heartbeat, payload.AsSpan(0, length), Priority.Telemetry, nodes.Count - 1);
                    }
                }

                if (tick == ticks / 2)
                {
                    Check(MotionCommandCodec.Encode(new MotionCommand(1, new Vector3F(0.4f, 0f, 0f), new Vector3F(0f, 0f, 0.25f), 500), payload, 0, payload.Length, out int length));
                    Publish(nodes[0], motionTopic, PayloadType.MotionCommand, payload.AsSpan(0, length), Priority.Motion, 1);
                }

                if (_live != null && second.ElapsedMilliseconds >= 1000)
                {
                    long delivered = Interlocked.Read(ref _delivered);
                    _live.WriteLine(LiveLine(nodes, (delivered - deliveredAtSecond) / second.Elapsed.TotalSeconds));
                    deliveredAtSecond = delivered;
                    second.Restart();
                }

                await Task.Delay(TickMs, cancellationToken).ConfigureAwait(false);
            }
        }

        private void Publish(MeshNode node, string topic, ushort payloadType, ReadOnlySpan<byte> payload, Priority priority, int receivers)
        {
            Interlocked.Add(ref _expected, receivers);
            if (node.Publish(topic, payloadType, payload, priority) == PublishResult.Published)
            {
                Interlocked.Increment(ref _published);
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
        private async Task ReadAsync(Subscription subscription, string self, string motionTopic)
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
                        lock (_gate)
                        {
                            _latencies.Add(Math.Max(0, message.ReceivedMs - message.TimestampMs));
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

        private string LiveLine(List<MeshNode> nodes, double perSecond)
        {
            int[] active = nodes.Select(n => n.GetPeers().Count(p => p.State == "active")).ToArray();
            double p50;
            lock (_gate)
            {
                p50 = Percentile(_latencies, 0.50);
            }

            return $"  active neighbours min {active.Min()} avg {active.Average():0.0} | delivered {Interlocked.Read(ref _delivered)}/{Interlocked.Read(ref _expected)} | {perSecond:0} msg/s | latency p50 {p50:0} ms";
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

using EdgeMesh.Gossip;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// The scripted run behind <c>edgemesh sim</c>: nodes join one by one, the mesh settles, faults
    /// are injected, then messages are published from random running nodes (docs/gossip.md §7).
    /// </summary>
    public sealed class ScenarioOptions
    {
        /// <summary>Number of nodes.</summary>
        public int Nodes { get; set; } = 100;

        /// <summary>Frame loss probability (0..1).</summary>
        public double Loss { get; set; }

        /// <summary>Fraction of nodes crashed after the mesh formed, before the messages.</summary>
        public double Fail { get; set; }

        /// <summary>Fraction of nodes that crash and restart while the messages are sent.</summary>
        public double Churn { get; set; }

        /// <summary>Split the nodes into two random halves after the mesh formed, then heal.</summary>
        public bool Partition { get; set; }

        /// <summary>How long the partition lasts, seconds.</summary>
        public double PartitionSeconds { get; set; } = 30;

        /// <summary>Messages to publish.</summary>
        public int Messages { get; set; } = 100;

        /// <summary>Run seed: the same seed and options give the same trace.</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>Time between two published messages, milliseconds.</summary>
        public double MessageIntervalMs { get; set; } = 100;

        /// <summary>Payload bytes per message.</summary>
        public int PayloadBytes { get; set; } = 64;

        /// <summary>Priority class of the messages.</summary>
        public Priority Priority { get; set; } = Priority.Telemetry;

        /// <summary>Smallest per-pair base latency, milliseconds.</summary>
        public double LatencyMinMs { get; set; } = 5;

        /// <summary>Largest per-pair base latency, milliseconds.</summary>
        public double LatencyMaxMs { get; set; } = 25;

        /// <summary>Mean per-frame jitter, milliseconds.</summary>
        public double JitterMs { get; set; } = 2;

        /// <summary>Uplink bandwidth per node, kilobits per second (0: unlimited).</summary>
        public long BandwidthKbps { get; set; }

        /// <summary>Time between two node starts, milliseconds.</summary>
        public double JoinIntervalMs { get; set; } = 10;

        /// <summary>Time after the last join before the mesh counts as formed, seconds.</summary>
        public double WarmupSeconds { get; set; } = 15;

        /// <summary>Time between the fault (crash, or partition heal) and the first message, seconds; null picks 1 s, or 10 s after a partition.</summary>
        public double? SettleSeconds { get; set; }

        /// <summary>Time after the last message before the run ends, seconds.</summary>
        public double DrainSeconds { get; set; } = 10;

        /// <summary>How long a churned node stays down, seconds.</summary>
        public double ChurnDowntimeSeconds { get; set; } = 5;

        /// <summary>Gossip parameters; <see cref="GossipOptions.FleetSizeHint"/> is set to <see cref="Nodes"/>.</summary>
        public GossipOptions Gossip { get; set; } = new GossipOptions();
    }
}

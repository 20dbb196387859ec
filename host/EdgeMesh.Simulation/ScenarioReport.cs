using System.Collections.Generic;

namespace EdgeMesh.Simulation
{
    /// <summary>The measured outcome of a <see cref="GossipScenario"/> run (the fields of <c>edgemesh sim --json</c>).</summary>
    public sealed class ScenarioReport
    {
        /// <summary>Nodes simulated.</summary>
        public int Nodes { get; set; }

        /// <summary>Nodes running at the end.</summary>
        public int AliveNodes { get; set; }

        /// <summary>Messages published.</summary>
        public int Messages { get; set; }

        /// <summary>Deliveries to expected receivers / expected deliveries (see docs/gossip.md §7).</summary>
        public double DeliveryRatio { get; set; }

        /// <summary>Expected deliveries: subscribed nodes running from the publish time to the end, origin excluded.</summary>
        public long ExpectedDeliveries { get; set; }

        /// <summary>Expected deliveries that happened.</summary>
        public long Deliveries { get; set; }

        /// <summary>Second deliveries of a message to the same running node (must be 0).</summary>
        public long DuplicateDeliveries { get; set; }

        /// <summary>Relative message redundancy (payload transmissions / (nodes reached − 1) − 1), averaged over messages.</summary>
        public double Rmr { get; set; }

        /// <summary>RMR averaged over the second half of the messages (after the trees settled).</summary>
        public double RmrStable { get; set; }

        /// <summary>Largest round at which any message reached its last receiver.</summary>
        public int LastDeliveryHopMax { get; set; }

        /// <summary>Mean over messages of the largest delivery round.</summary>
        public double LastDeliveryHopMean { get; set; }

        /// <summary>Median publish-to-delivery latency, simulated milliseconds.</summary>
        public double LatencyP50Ms { get; set; }

        /// <summary>99th percentile publish-to-delivery latency, simulated milliseconds.</summary>
        public double LatencyP99Ms { get; set; }

        /// <summary>Simulated seconds from the crash until no running node's views held a crashed node; null if that never happened (0 without crashes).</summary>
        public double? MembershipConvergedSeconds { get; set; }

        /// <summary>The bound the convergence is held to: (active view + 1) probe periods + suspicion timeout + 1 s.</summary>
        public double ConvergenceBoundSeconds { get; set; }

        /// <summary>The suspicion timeout in force, seconds.</summary>
        public double SuspicionTimeoutSeconds { get; set; }

        /// <summary>Simulated seconds from the partition heal until the active views formed one component again; null if never (or no partition).</summary>
        public double? OverlayReconnectedSeconds { get; set; }

        /// <summary>True when the running nodes' active views form one connected component at the end.</summary>
        public bool OverlayConnected { get; set; }

        /// <summary>Smallest active view among running nodes at the end.</summary>
        public int ActiveViewMin { get; set; }

        /// <summary>Mean active view size among running nodes at the end.</summary>
        public double ActiveViewMean { get; set; }

        /// <summary>Active-view links held by one side only at the end.</summary>
        public int AsymmetricLinks { get; set; }

        /// <summary>Frames sent over the whole run.</summary>
        public long FramesSent { get; set; }

        /// <summary>Frames lost to the loss rate.</summary>
        public long FramesLost { get; set; }

        /// <summary>Payload transmissions of the measured messages.</summary>
        public long PayloadTransmissions { get; set; }

        /// <summary>Frames dropped by per-peer send queues (all priorities).</summary>
        public long SendQueueDrops { get; set; }

        /// <summary>Simulator events processed.</summary>
        public long Events { get; set; }

        /// <summary>Simulated seconds.</summary>
        public double SimulatedSeconds { get; set; }

        /// <summary>Wall-clock seconds the run took.</summary>
        public double WallSeconds { get; set; }

        /// <summary>Events per wall-clock second.</summary>
        public double EventsPerSecond { get; set; }

        /// <summary>Per-message measurements, in publish order.</summary>
        public IReadOnlyList<MessageStats> PerMessage { get; set; } = new List<MessageStats>();

        /// <summary>Hash of the whole event trace, 16 hex digits.</summary>
        public string TraceHash { get; set; } = string.Empty;
    }
}

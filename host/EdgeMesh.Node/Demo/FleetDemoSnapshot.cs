using System.Collections.Generic;

namespace EdgeMesh.Node.Demo
{
    /// <summary>What the fleet demo shows once a second: the fleet as a whole and one row per node.</summary>
    internal sealed class FleetDemoSnapshot
    {
        /// <summary>Seconds of traffic so far.</summary>
        internal double ElapsedSeconds { get; init; }

        /// <summary>Seconds of traffic the run was asked for.</summary>
        internal double TotalSeconds { get; init; }

        /// <summary>Deliveries to other nodes so far, of <see cref="Expected"/>.</summary>
        internal long Delivered { get; init; }

        internal long Expected { get; init; }

        /// <summary>Deliveries per second over the last interval, fleet-wide.</summary>
        internal double DeliveredPerSecond { get; init; }

        /// <summary>True for the frame after the drain: the same figures as the summary.</summary>
        internal bool Final { get; init; }

        /// <summary>Fleet-wide latency percentiles over the whole run (publish to subscriber), ms; the rows use the same window.</summary>
        internal double LatencyP50Ms { get; init; }

        internal double LatencyP99Ms { get; init; }

        internal IReadOnlyList<FleetDemoNodeRow> Nodes { get; init; } = new List<FleetDemoNodeRow>();
    }
}

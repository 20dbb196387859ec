namespace EdgeMesh.Node.Demo
{
    /// <summary>One node's line in the fleet demo's live view.</summary>
    internal sealed class FleetDemoNodeRow
    {
        /// <summary>Short node id.</summary>
        internal string Id { get; init; } = string.Empty;

        /// <summary>Gossip neighbours (active view).</summary>
        internal int ActivePeers { get; init; }

        /// <summary>Authenticated peers the node knows.</summary>
        internal int Peers { get; init; }

        /// <summary>Messages from other nodes received per second over the last interval.</summary>
        internal double InPerSecond { get; init; }

        /// <summary>Messages this node published per second over the last interval.</summary>
        internal double OutPerSecond { get; init; }

        /// <summary>Messages from other nodes received since the traffic started.</summary>
        internal long Delivered { get; init; }

        /// <summary>Latency percentiles of this node's receptions over the whole run (the header's window), ms.</summary>
        internal double LatencyP50Ms { get; init; }

        internal double LatencyP99Ms { get; init; }
    }
}

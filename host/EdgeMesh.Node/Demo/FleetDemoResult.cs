namespace EdgeMesh.Node.Demo
{
    /// <summary>The outcome of a fleet demo run.</summary>
    internal sealed class FleetDemoResult
    {
        /// <summary>Least share of expected deliveries for a successful run.</summary>
        internal const double RequiredDeliveryRatio = 0.99;

        internal int Nodes { get; init; }

        /// <summary>Nodes that held at least one gossip neighbour and had heard every other node.</summary>
        internal int Joined { get; init; }

        internal long Expected { get; init; }

        internal long Delivered { get; init; }

        internal long Published { get; init; }

        internal bool MotionDelivered { get; init; }

        internal double LatencyP50Ms { get; init; }

        internal double LatencyP99Ms { get; init; }

        internal double DurationSeconds { get; init; }

        internal double DeliveryRatio => Expected == 0 ? 0 : (double)Delivered / Expected;

        /// <summary>Every node joined and at least 99 % of the expected deliveries happened.</summary>
        internal bool Success => Joined == Nodes && DeliveryRatio >= RequiredDeliveryRatio;
    }
}

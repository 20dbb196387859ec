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

        /// <summary>Seconds of traffic, by the wall clock (the --duration asked for, unless cancelled).</summary>
        internal double DurationSeconds { get; init; }

        /// <summary>Seconds from the first publication to the end of the drain.</summary>
        internal double WallSeconds { get; init; }

        /// <summary>Publications per node per second the run was planned at.</summary>
        internal double RatePerNode { get; init; }

        /// <summary>Ticks skipped because the machine was behind (0 on a machine with room).</summary>
        internal long SkippedTicks { get; init; }

        /// <summary>CPU used by the whole process during traffic and drain, in cores (1.0: one core busy).</summary>
        internal double CpuCores { get; init; }

        /// <summary>That CPU time per delivery to a subscriber, µs (idle node work included).</summary>
        internal double CpuMicrosecondsPerDelivery { get; init; }

        internal double DeliveryRatio => Expected == 0 ? 0 : (double)Delivered / Expected;

        /// <summary>Every node joined and at least 99 % of the expected deliveries happened.</summary>
        internal bool Success => Joined == Nodes && DeliveryRatio >= RequiredDeliveryRatio;
    }
}

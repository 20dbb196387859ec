namespace EdgeMesh.Simulation
{
    /// <summary>The measured outcome of a <see cref="RadioScenario"/> run (the fields of <c>edgemesh sim --radio --json</c>).</summary>
    public sealed class RadioReport
    {
        /// <summary>Nodes simulated.</summary>
        public int Nodes { get; set; }

        /// <summary>Messages flooded.</summary>
        public int Messages { get; set; }

        /// <summary>Side of the square the nodes were placed on, metres.</summary>
        public double SideMeters { get; set; }

        /// <summary>Measured mean number of nodes in range of a node.</summary>
        public double MeanNeighbours { get; set; }

        /// <summary>Hop limit of the originated frames.</summary>
        public int HopLimit { get; set; }

        /// <summary>Deliveries / expected deliveries (receivers within hop limit + 1 hops of the publisher in the range graph).</summary>
        public double DeliveryRatio { get; set; }

        /// <summary>Deliveries / (messages × (nodes − 1)): the share of all other nodes reached, reachable or not.</summary>
        public double Coverage { get; set; }

        /// <summary>Expected deliveries (see <see cref="DeliveryRatio"/>).</summary>
        public long ExpectedDeliveries { get; set; }

        /// <summary>First receptions of a message by a node other than its publisher.</summary>
        public long Deliveries { get; set; }

        /// <summary>Transmissions on the medium (originals and rebroadcasts).</summary>
        public long Transmissions { get; set; }

        /// <summary>Transmissions per message.</summary>
        public double TransmissionsPerMessage { get; set; }

        /// <summary>Rebroadcasts the flooders scheduled.</summary>
        public long RebroadcastsScheduled { get; set; }

        /// <summary>Rebroadcasts cancelled because a neighbour was heard relaying first.</summary>
        public long SuppressedRebroadcasts { get; set; }

        /// <summary>New frames not relayed because they had reached their hop limit.</summary>
        public long HopLimitReached { get; set; }

        /// <summary>Mean hops (relays + 1) over deliveries.</summary>
        public double HopsMean { get; set; }

        /// <summary>Largest hops over deliveries.</summary>
        public int HopsMax { get; set; }

        /// <summary>Largest hop count field of any frame heard (never above the hop limit).</summary>
        public int MaxHopCountHeard { get; set; }

        /// <summary>Median publish-to-delivery latency, simulated milliseconds.</summary>
        public double LatencyP50Ms { get; set; }

        /// <summary>99th percentile publish-to-delivery latency, simulated milliseconds.</summary>
        public double LatencyP99Ms { get; set; }

        /// <summary>Airtime of one message frame, milliseconds.</summary>
        public double AirtimeMs { get; set; }

        /// <summary>Receptions lost to the loss rate.</summary>
        public long ReceptionsLost { get; set; }

        /// <summary>Receptions missed because the receiver was transmitting.</summary>
        public long HalfDuplexMisses { get; set; }

        /// <summary>Simulator events processed (transmission ends, receptions, flooder timers, scripted actions).</summary>
        public long Events { get; set; }

        /// <summary>Simulated seconds.</summary>
        public double SimulatedSeconds { get; set; }

        /// <summary>Wall-clock seconds the run took.</summary>
        public double WallSeconds { get; set; }

        /// <summary>Events per wall-clock second.</summary>
        public double EventsPerSecond { get; set; }

        /// <summary>Hash of the whole event trace, 16 hex digits.</summary>
        public string TraceHash { get; set; } = string.Empty;
    }
}

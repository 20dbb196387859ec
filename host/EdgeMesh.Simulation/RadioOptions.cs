using System;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// The radio scenario behind <c>edgemesh sim --radio</c>: nodes on a plane share one broadcast
    /// medium and run the portable <see cref="EdgeMesh.Protocol.Flooding.ManagedFlooder"/>
    /// (docs/gossip.md §8.1).
    /// </summary>
    public sealed class RadioOptions
    {
        /// <summary>Number of nodes.</summary>
        public int Nodes { get; set; } = 100;

        /// <summary>Probability that one receiver misses one transmission (independent per receiver).</summary>
        public double Loss { get; set; }

        /// <summary>Run seed: placement, publishers, losses and flooder jitter all derive from it.</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>Messages to flood, each from a random node.</summary>
        public int Messages { get; set; } = 100;

        /// <summary>Time between two messages, milliseconds.</summary>
        public double MessageIntervalMs { get; set; } = 2_000;

        /// <summary>Payload bytes per message (the frame adds the 38-byte header; a radio frame is at most 256 bytes).</summary>
        public int PayloadBytes { get; set; } = 32;

        /// <summary>Radio range, metres: every node closer than this hears a transmission.</summary>
        public double RangeMeters { get; set; } = 1_000;

        /// <summary>
        /// Mean number of nodes in range of a node; sets the side of the square the nodes are placed
        /// on: side = range × √(π × nodes / neighbours) (edge effects make the measured mean lower).
        /// </summary>
        public double MeanNeighbours { get; set; } = 10;

        /// <summary>Hop limit written into every originated frame (wire format: at most 15).</summary>
        public int HopLimit { get; set; } = 7;

        /// <summary>Bit rate of the medium, bits per second (airtime = frame bits / rate).</summary>
        public long BitrateBps { get; set; } = 5_470;

        /// <summary>Feed the flooder an SNR derived from distance (false: unknown SNR, random delay).</summary>
        public bool UseSnr { get; set; } = true;

        /// <summary>Copies heard that cancel a waiting rebroadcast (1: the first; 0: plain flooding, never cancel).</summary>
        public int SuppressionThreshold { get; set; } = new EdgeMesh.Protocol.Flooding.FloodingOptions().SuppressionThreshold;

        /// <summary>Time after the last message before the run ends, seconds.</summary>
        public double DrainSeconds { get; set; } = 10;

        /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
        public void Validate()
        {
            if (Nodes < 2 || Messages < 0 || Loss < 0 || Loss >= 1 || MessageIntervalMs < 0 || PayloadBytes < 0
                || PayloadBytes > 256 - EdgeMesh.Protocol.Wire.WireFormat.HeaderLength || RangeMeters <= 0 || MeanNeighbours <= 0 || HopLimit < 0 || HopLimit > EdgeMesh.Protocol.Wire.WireFormat.MaxHops
                || BitrateBps <= 0 || SuppressionThreshold < 0 || DrainSeconds < 0)
            {
                throw new ArgumentException("Radio scenario option out of range.");
            }
        }

        /// <summary>Side of the square the nodes are placed on, metres.</summary>
        public double SideMeters
        {
            get { return RangeMeters * Math.Sqrt(Math.PI * Nodes / MeanNeighbours); }
        }
    }
}

namespace EdgeMesh.Simulation
{
    /// <summary>What a <see cref="StateScenario"/> run measured.</summary>
    public sealed class StateReport
    {
        /// <summary>Nodes.</summary>
        public int Nodes { get; set; }

        /// <summary>Writers.</summary>
        public int Writers { get; set; }

        /// <summary>Run seed.</summary>
        public ulong Seed { get; set; }

        /// <summary>Writes and removals accepted by the writers' replicas.</summary>
        public int Writes { get; set; }

        /// <summary>Nodes that crashed and restarted from their stores.</summary>
        public int Restarts { get; set; }

        /// <summary>Records replayed from the stores on restart.</summary>
        public long RecordsReplayed { get; set; }

        /// <summary>True when every live node ended with the same digest within the bound.</summary>
        public bool Converged { get; set; }

        /// <summary>Distinct digests among live nodes at the end (1 when converged).</summary>
        public int DistinctDigests { get; set; }

        /// <summary>Simulated milliseconds from the last disturbance (last write, heal or restart) until all digests agreed.</summary>
        public double ConvergenceMs { get; set; }

        /// <summary>Simulated milliseconds from the heal of the partition until all digests agreed.</summary>
        public double ConvergenceAfterHealMs { get; set; }

        /// <summary>The bound convergence had to meet, milliseconds.</summary>
        public double BoundMs { get; set; }

        /// <summary>Keys in the final state (removals not yet pruned included).</summary>
        public int Keys { get; set; }

        /// <summary>Simulated seconds of the whole run.</summary>
        public double SimulatedSeconds { get; set; }

        /// <summary>Anti-entropy bytes sent per node per second over the whole run (writes, partition, crashes).</summary>
        public double BytesPerNodePerSecond { get; set; }

        /// <summary>Anti-entropy bytes sent per node per second in the quiet window after convergence.</summary>
        public double SteadyBytesPerNodePerSecond { get; set; }

        /// <summary>Messages sent, all kinds.</summary>
        public long Messages { get; set; }

        /// <summary>Messages lost to the loss rate, the partition or a down receiver.</summary>
        public long MessagesLost { get; set; }

        /// <summary>Delta groups sent.</summary>
        public long DeltasSent { get; set; }

        /// <summary>Whole states sent.</summary>
        public long FullStatesSent { get; set; }

        /// <summary>Digests sent.</summary>
        public long DigestsSent { get; set; }

        /// <summary>Acknowledgements sent.</summary>
        public long AcksSent { get; set; }

        /// <summary>Deltas dropped from full buffers.</summary>
        public long BufferDrops { get; set; }

        /// <summary>Largest message, bytes.</summary>
        public int LargestMessageBytes { get; set; }

        /// <summary>Entries refused by verification (none expected: every writer is an operator).</summary>
        public long EntriesRefused { get; set; }

        /// <summary>Wall-clock seconds of the run.</summary>
        public double WallSeconds { get; set; }
    }
}

using System;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// The fleet-state run behind <c>edgemesh sim --state</c> (docs/fleet-state.md §9): nodes publish
    /// presence, writers put and delete signed entries, links lose messages, the fleet is split in
    /// two and healed, some nodes crash and restart from their stores; then every live node's state
    /// digest is compared.
    /// </summary>
    public sealed class StateScenarioOptions
    {
        /// <summary>Number of nodes.</summary>
        public int Nodes { get; set; } = 200;

        /// <summary>Nodes holding the operator role that write missions and configuration.</summary>
        public int Writers { get; set; } = 20;

        /// <summary>Message loss probability (0..1).</summary>
        public double Loss { get; set; } = 0.1;

        /// <summary>Length of the partition into two halves, seconds (0: none).</summary>
        public double PartitionSeconds { get; set; } = 60;

        /// <summary>Fraction of nodes that crash once and restart from their store.</summary>
        public double CrashFraction { get; set; } = 0.1;

        /// <summary>How long a crashed node stays down, seconds.</summary>
        public double DowntimeSeconds { get; set; } = 10;

        /// <summary>Seconds during which writers write (the partition and the crashes fall inside).</summary>
        public double WriteSeconds { get; set; } = 100;

        /// <summary>Mean time between two writes of one writer, seconds.</summary>
        public double WriteIntervalSeconds { get; set; } = 4;

        /// <summary>Distinct keys writers choose from (half missions, half configuration).</summary>
        public int Keys { get; set; } = 100;

        /// <summary>Fraction of writes that are removals.</summary>
        public double DeleteFraction { get; set; } = 0.1;

        /// <summary>Random neighbours each node links to (the links are symmetric, plus a ring so the overlay is connected).</summary>
        public int Links { get; set; } = 2;

        /// <summary>Supplementary sync links per node (0: none), chosen by the sync-peer selector.</summary>
        public int SupplementaryLinks { get; set; } = 3;

        /// <summary>Time between two ticks of a node's replica, milliseconds.</summary>
        public int TickMs { get; set; } = 100;

        /// <summary>Most seconds after the last write, heal and restart that convergence may take before the run counts as failed.</summary>
        public double ConvergenceBoundSeconds { get; set; } = 30;

        /// <summary>Seconds of quiet (no writes) after convergence over which steady-state bytes are measured.</summary>
        public double SteadySeconds { get; set; } = 20;

        /// <summary>Smallest one-way latency, milliseconds.</summary>
        public double LatencyMinMs { get; set; } = 5;

        /// <summary>Largest one-way latency, milliseconds.</summary>
        public double LatencyMaxMs { get; set; } = 25;

        /// <summary>Run seed.</summary>
        public ulong Seed { get; set; } = 1;

        /// <summary>Checks the values.</summary>
        public void Validate()
        {
            if (Nodes < 2 || Writers < 1 || Writers > Nodes)
            {
                throw new ArgumentException("--nodes must be at least 2 and --writers between 1 and --nodes");
            }

            if (Loss < 0 || Loss >= 1 || CrashFraction < 0 || CrashFraction > 1 || DeleteFraction < 0 || DeleteFraction > 1)
            {
                throw new ArgumentException("--loss must be in [0, 1), --churn and the delete fraction in [0, 1]");
            }

            if (PartitionSeconds < 0 || WriteSeconds <= 0 || WriteIntervalSeconds <= 0 || Keys < 1 || Links < 1 || SupplementaryLinks < 0 || TickMs < 1 || ConvergenceBoundSeconds <= 0 || SteadySeconds < 0)
            {
                throw new ArgumentException("invalid state scenario timing or sizes");
            }
        }
    }
}

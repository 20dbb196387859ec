using System;
using EdgeMesh.State.Sync;

namespace EdgeMesh.State.Fleet
{
    /// <summary>Settings of a <see cref="FleetStateReplica"/> (docs/fleet-state.md §6, §7).</summary>
    public sealed class FleetStateOptions
    {
        /// <summary>The key policy.</summary>
        public KeyPolicy Policy { get; set; } = KeyPolicy.Default;

        /// <summary>Anti-entropy bounds and timers.</summary>
        public ReplicatorOptions Replicator { get; set; } = new ReplicatorOptions();

        /// <summary>
        /// The pruning horizon: removals and the presence of nodes not heard from are dropped once
        /// older than this, and a replica whose store is older than this starts empty. Default 24 h.
        /// </summary>
        public long PruneHorizonMs { get; set; } = 24L * 3600 * 1000;

        /// <summary>Time between pruning passes.</summary>
        public long PruneIntervalMs { get; set; } = 60_000;

        /// <summary>Log bytes after which the store is compacted to one snapshot.</summary>
        public long CompactLogBytes { get; set; } = 1 << 20;

        /// <summary>Largest accepted lead of a remote timestamp over the local clock.</summary>
        public long MaxClockDriftMs { get; set; } = 60_000;

        /// <summary>Most changes queued for watchers; older ones are dropped (counted).</summary>
        public int ChangeQueueCapacity { get; set; } = 1024;

        /// <summary>Most liveness readings kept (nodes beyond it are not tracked, counted).</summary>
        public int LivenessCapacity { get; set; } = 4096;

        /// <summary>Checks the values.</summary>
        public void Validate()
        {
            ArgumentNullException.ThrowIfNull(Policy);
            ArgumentNullException.ThrowIfNull(Replicator);
            Replicator.Validate();
            ArgumentOutOfRangeException.ThrowIfLessThan(PruneHorizonMs, 1000);
            ArgumentOutOfRangeException.ThrowIfLessThan(PruneIntervalMs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(CompactLogBytes, 1024);
            ArgumentOutOfRangeException.ThrowIfLessThan(ChangeQueueCapacity, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(LivenessCapacity, 1);
        }
    }
}

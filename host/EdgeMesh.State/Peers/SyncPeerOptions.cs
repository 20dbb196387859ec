using System;

namespace EdgeMesh.State.Peers
{
    /// <summary>Settings of a <see cref="SyncPeerSelector"/> (docs/fleet-state.md §8).</summary>
    public sealed class SyncPeerOptions
    {
        /// <summary>Supplementary sync links kept besides the gossip neighbours.</summary>
        public int MaxSupplementary { get; set; } = 3;

        /// <summary>Time between reconciliations.</summary>
        public long ReconcileIntervalMs { get; set; } = 10_000;

        /// <summary>A peer not heard from for this long is not a candidate, and a linked one is dropped.</summary>
        public long RecentlyAliveMs { get; set; } = 30_000;

        /// <summary>A peer whose smoothed round-trip time exceeds this is slow: kept, but rate-limited.</summary>
        public long SlowRoundTripMs { get; set; } = 1_000;

        /// <summary>Shortest time between two sends to a slow peer.</summary>
        public long SlowPacingMs { get; set; } = 2_000;

        /// <summary>Most candidate peers tracked; more are not tracked (counted).</summary>
        public int MaxCandidates { get; set; } = 4096;

        /// <summary>Checks the values.</summary>
        public void Validate()
        {
            ArgumentOutOfRangeException.ThrowIfNegative(MaxSupplementary);
            ArgumentOutOfRangeException.ThrowIfLessThan(ReconcileIntervalMs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(RecentlyAliveMs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(SlowRoundTripMs, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(SlowPacingMs);
            ArgumentOutOfRangeException.ThrowIfLessThan(MaxCandidates, 1);
        }
    }
}

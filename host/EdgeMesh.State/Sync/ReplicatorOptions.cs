using System;

namespace EdgeMesh.State.Sync
{
    /// <summary>Bounds and timers of a <see cref="DeltaReplicator{T}"/> (docs/fleet-state.md §4).</summary>
    public sealed class ReplicatorOptions
    {
        /// <summary>Most deltas kept for neighbours that have not acknowledged them; the oldest is dropped (counted) beyond it.</summary>
        public int MaxBufferedDeltas { get; set; } = 512;

        /// <summary>Most encoded bytes of buffered deltas.</summary>
        public int MaxBufferedBytes { get; set; } = 1 << 20;

        /// <summary>Most neighbours tracked; more are refused (counted).</summary>
        public int MaxPeers { get; set; } = 64;

        /// <summary>Shortest time between two delta sends to one neighbour (new deltas are batched within it).</summary>
        public long MinSendIntervalMs { get; set; } = 50;

        /// <summary>Time after which unacknowledged deltas are sent again.</summary>
        public long RetransmitMs { get; set; } = 400;

        /// <summary>Time between digests to a neighbour that has acknowledged everything.</summary>
        public long DigestIntervalMs { get; set; } = 2_000;

        /// <summary>Largest delta group or full state sent in one message, bytes; a larger one is still sent whole but counted.</summary>
        public int LargeMessageBytes { get; set; } = 64 << 10;

        /// <summary>A neighbour that opened the link from its side (not added here) and sent nothing for this long is forgotten.</summary>
        public long InboundIdleMs { get; set; } = 30_000;

        /// <summary>Checks the values.</summary>
        public void Validate()
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(MaxBufferedDeltas, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(MaxBufferedBytes, 1024);
            ArgumentOutOfRangeException.ThrowIfLessThan(MaxPeers, 1);
            ArgumentOutOfRangeException.ThrowIfNegative(MinSendIntervalMs);
            ArgumentOutOfRangeException.ThrowIfLessThan(RetransmitMs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(DigestIntervalMs, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(InboundIdleMs, 1);
        }
    }
}

using System.Collections.Generic;

namespace EdgeMesh.State.Peers
{
    /// <summary>What one reconciliation decided: supplementary links to open and to close, and the pacing of slow peers.</summary>
    public sealed class SyncPeerPlan
    {
        /// <summary>Peers to start syncing with.</summary>
        public List<ulong> Add { get; } = new List<ulong>();

        /// <summary>Peers to stop syncing with (dead or no longer heard from).</summary>
        public List<ulong> Remove { get; } = new List<ulong>();

        /// <summary>Linked peers and the minimum send interval to use for each (0: normal pacing).</summary>
        public List<(ulong Peer, long PacingMs)> Pacing { get; } = new List<(ulong, long)>();

        internal void Clear()
        {
            Add.Clear();
            Remove.Clear();
            Pacing.Clear();
        }
    }
}

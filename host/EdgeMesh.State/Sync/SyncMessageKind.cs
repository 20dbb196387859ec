namespace EdgeMesh.State.Sync
{
    /// <summary>Anti-entropy message kinds (docs/fleet-state.md §4).</summary>
    public enum SyncMessageKind : byte
    {
        /// <summary>A delta group: every buffered delta the receiver has not acknowledged, except those it sent.</summary>
        Delta = 1,

        /// <summary>The sender's whole state (when its buffer no longer covers what the receiver lacks).</summary>
        Full = 2,

        /// <summary>The sender's state digest, so a receiver whose state differs sends its own whole state.</summary>
        Digest = 3,

        /// <summary>Acknowledges every delta below a sequence, with the acknowledger's digest.</summary>
        Ack = 4,
    }
}

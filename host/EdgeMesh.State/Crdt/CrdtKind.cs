namespace EdgeMesh.State.Crdt
{
    /// <summary>The type byte that starts every encoded CRDT (docs/fleet-state.md §3).</summary>
    public enum CrdtKind : byte
    {
        /// <summary>Grow-only counter.</summary>
        GCounter = 1,

        /// <summary>Increment/decrement counter.</summary>
        PNCounter = 2,

        /// <summary>Observed-remove (add-wins) set of strings.</summary>
        ORSet = 3,

        /// <summary>Last-writer-wins register.</summary>
        LwwRegister = 4,

        /// <summary>Last-writer-wins map with tombstones.</summary>
        LwwMap = 5,

        /// <summary>Observed-remove map of CRDT values.</summary>
        ORMap = 6,

        /// <summary>Multi-value register.</summary>
        MVRegister = 7,

        /// <summary>The signed fleet-state map.</summary>
        SignedMap = 8,
    }
}

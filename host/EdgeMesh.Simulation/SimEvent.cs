namespace EdgeMesh.Simulation
{
    /// <summary>One scheduled event, kept in the simulator's <see cref="EdgeMesh.Gossip.DeadlineQueue{T}"/>.</summary>
    public struct SimEvent
    {
        /// <summary>Simulated time in microseconds.</summary>
        public long TimeUs;

        /// <summary>What happens.</summary>
        public SimEventKind Kind;

        /// <summary>Index of the node concerned.</summary>
        public int Node;

        /// <summary>Kind-specific: sender index (Deliver), node generation (Wake, NicFree), action index (Action), contact (Start).</summary>
        public int Aux;

        /// <summary>Frame bytes for <see cref="SimEventKind.Deliver"/>.</summary>
        public byte[]? Buffer;

        /// <summary>Frame length for <see cref="SimEventKind.Deliver"/>.</summary>
        public int Length;
    }
}

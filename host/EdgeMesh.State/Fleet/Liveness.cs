namespace EdgeMesh.State.Fleet
{
    /// <summary>What this node's membership layer last said about a node (local, never replicated).</summary>
    public readonly struct Liveness
    {
        /// <summary>Creates a reading.</summary>
        public Liveness(bool alive, long lastHeardMs)
        {
            Alive = alive;
            LastHeardMs = lastHeardMs;
        }

        /// <summary>SWIM considers it alive.</summary>
        public bool Alive { get; }

        /// <summary>When anything was last heard from it, Unix milliseconds.</summary>
        public long LastHeardMs { get; }
    }
}

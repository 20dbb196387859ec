namespace EdgeMesh.Simulation
{
    /// <summary>What a simulator event does.</summary>
    public enum SimEventKind : byte
    {
        /// <summary>A frame arrives at a node.</summary>
        Deliver = 0,

        /// <summary>A node's timer deadline is reached.</summary>
        Wake = 1,

        /// <summary>A node's uplink finished sending a frame (bandwidth-limited runs).</summary>
        NicFree = 2,

        /// <summary>A node boots and joins through a contact.</summary>
        Start = 3,

        /// <summary>A node crashes (loses all state).</summary>
        Crash = 4,

        /// <summary>A crashed node boots again with a higher incarnation.</summary>
        Restart = 5,

        /// <summary>A scripted action (publish, partition, heal, check) runs.</summary>
        Action = 6,
    }
}

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>A peer's place in the mesh protocol's views.</summary>
    public enum MeshPeerState
    {
        /// <summary>Heard and authenticated, not (yet) in the protocol's views.</summary>
        Known = 0,

        /// <summary>A backup neighbour (passive view).</summary>
        Passive = 1,

        /// <summary>A current neighbour carrying broadcasts (active view).</summary>
        Active = 2,

        /// <summary>Suspected or declared failed by the failure detector.</summary>
        Suspect = 3,
    }
}

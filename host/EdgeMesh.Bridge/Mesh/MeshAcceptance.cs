namespace EdgeMesh.Bridge.Mesh
{
    /// <summary>The mesh's answer to a bridged publication.</summary>
    public enum MeshAcceptance
    {
        /// <summary>Taken by the mesh; the bridge acknowledges the broker's message.</summary>
        Accepted = 0,

        /// <summary>Refused for good (too large, bad topic): acknowledged to the broker and counted as rejected, never retried.</summary>
        Refused = 1,

        /// <summary>The gateway's role may not publish on this mesh topic: acknowledged, counted as rejected.</summary>
        Forbidden = 2,

        /// <summary>Not now (node stopping, mesh not attached): left unacknowledged so the broker redelivers.</summary>
        Unavailable = 3,
    }
}

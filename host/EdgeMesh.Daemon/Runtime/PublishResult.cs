namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>Outcome of <c>MeshNode.Publish</c>.</summary>
    public enum PublishResult
    {
        /// <summary>Handed to the mesh protocol for broadcast (and to local subscribers).</summary>
        Published = 0,

        /// <summary>No membership/broadcast protocol is attached to this node.</summary>
        NoMeshProtocol = 1,

        /// <summary>The payload exceeds the configured maximum.</summary>
        TooLarge = 2,

        /// <summary>The mesh protocol refused the message (topic table full, frame budget exceeded).</summary>
        Refused = 3,

        /// <summary>The topic name is empty or too long.</summary>
        BadTopic = 4,
    }
}

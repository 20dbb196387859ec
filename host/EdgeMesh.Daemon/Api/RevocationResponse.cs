namespace EdgeMesh.Daemon.Api
{
    /// <summary>Answer of <c>POST /v1/revocations</c> when the list was put in force.</summary>
    public sealed class RevocationResponse
    {
        /// <summary>True: the list is in force.</summary>
        public bool Applied { get; set; }

        /// <summary>Version now in force.</summary>
        public ulong Version { get; set; }

        /// <summary>Node ids on it.</summary>
        public int Revoked { get; set; }

        /// <summary>Peers of this node it removed.</summary>
        public int PeersDropped { get; set; }

        /// <summary>False when it could not be written to the node directory (it is in force until a restart).</summary>
        public bool Saved { get; set; }
    }
}

namespace EdgeMesh.Daemon.Api
{
    /// <summary>One authenticated peer, as <c>GET /v1/peers</c> lists it.</summary>
    public sealed class PeerInfo
    {
        /// <summary>The peer's node id.</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>Where its frames go (udp://… or tcp://…).</summary>
        public string Address { get; set; } = string.Empty;

        /// <summary>active, passive, known or suspect (the mesh protocol's view), stale when not heard for three beacon intervals.</summary>
        public string State { get; set; } = string.Empty;

        /// <summary>Milliseconds since the peer was last heard.</summary>
        public long LastHeardMsAgo { get; set; }
    }
}

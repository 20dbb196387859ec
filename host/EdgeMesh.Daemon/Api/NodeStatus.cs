using System.Collections.Generic;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>The answer of <c>GET /v1/status</c> (and <c>edgemesh status --json</c>).</summary>
    public sealed class NodeStatus
    {
        /// <summary>This node's id (16 hex digits).</summary>
        public string NodeId { get; set; } = string.Empty;

        /// <summary>production, lightweight or development.</summary>
        public string Mode { get; set; } = string.Empty;

        /// <summary>Seconds since the node started.</summary>
        public double UptimeSeconds { get; set; }

        /// <summary>The node's UDP address.</summary>
        public string Udp { get; set; } = string.Empty;

        /// <summary>The node's TCP address, when it accepts TCP.</summary>
        public string? Tcp { get; set; }

        /// <summary>True when publish and subscribe work (a membership/broadcast protocol is attached).</summary>
        public bool MeshProtocol { get; set; }

        /// <summary>Version of the fleet revocation list in force (0: none; production mode only).</summary>
        public ulong RevocationListVersion { get; set; }

        /// <summary>Authenticated peers.</summary>
        public List<PeerInfo> Peers { get; set; } = new();

        /// <summary>Traffic and drop counters.</summary>
        public StatusCounters Counters { get; set; } = new();
    }
}

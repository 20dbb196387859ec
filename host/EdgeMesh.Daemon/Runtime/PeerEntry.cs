using EdgeMesh.Protocol.Wire;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>What the runtime knows about one authenticated peer.</summary>
    internal sealed class PeerEntry
    {
        internal PeerEntry(NodeId id, long nowMs)
        {
            Id = id;
            FirstSeenMs = nowMs;
            LastHeardMs = nowMs;
            CredentialsSentMs = long.MinValue;
        }

        internal NodeId Id { get; }

        /// <summary>Where frames for this peer go: its advertised UDP address or the link it speaks on.</summary>
        internal LinkAddress? Address { get; set; }

        /// <summary>The address the peer's beacon advertised when it differs from the source address (NAT).</summary>
        internal UdpAddress? Advertised { get; set; }

        /// <summary>Where to send: the advertised address if any, else the last source address.</summary>
        internal LinkAddress? Route => Advertised ?? Address;

        internal long FirstSeenMs { get; }

        internal long LastHeardMs { get; set; }

        /// <summary>When this node last presented its credentials to the peer.</summary>
        internal long CredentialsSentMs { get; set; }

        /// <summary>The fleet certificate the peer presented (production), passed on to nodes that look it up.</summary>
        internal byte[]? Certificate { get; set; }

        /// <summary>True once the peer was offered to the mesh protocol as a contact.</summary>
        internal bool Joined { get; set; }
    }
}

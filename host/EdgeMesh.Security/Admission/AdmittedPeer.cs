using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Admission
{
    /// <summary>An entry of the admitted-peer table (a copy: later table changes do not affect it).</summary>
    public readonly struct AdmittedPeer
    {
        internal AdmittedPeer(NodeId id, FleetRoles roles, long notAfterMs, int slot)
        {
            Id = id;
            Roles = roles;
            NotAfterMs = notAfterMs;
            Slot = slot;
        }

        /// <summary>The peer's wire id.</summary>
        public NodeId Id { get; }

        /// <summary>Roles its certificate grants.</summary>
        public FleetRoles Roles { get; }

        /// <summary>When its certificate expires, Unix milliseconds.</summary>
        public long NotAfterMs { get; }

        /// <summary>Table slot holding the public key (valid until the table changes).</summary>
        internal int Slot { get; }
    }
}

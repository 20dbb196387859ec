using System;

namespace EdgeMesh.Security.Admission
{
    /// <summary>Roles a certificate grants (byte 5 of a certificate, docs/identity.md §3). A certificate has at least one.</summary>
    [Flags]
    public enum FleetRoles : byte
    {
        /// <summary>No role (never valid in a certificate).</summary>
        None = 0,

        /// <summary>A robot, drone or sensor node.</summary>
        Robot = 1,

        /// <summary>A gateway: bridges radio segments and brokers into the signed mesh.</summary>
        Gateway = 2,

        /// <summary>An operator station: may command robots and administer the fleet.</summary>
        Operator = 4,

        /// <summary>All defined role bits; any other bit makes a certificate malformed.</summary>
        All = Robot | Gateway | Operator,
    }
}

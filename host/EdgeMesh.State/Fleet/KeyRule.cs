using EdgeMesh.Security.Admission;

namespace EdgeMesh.State.Fleet
{
    /// <summary>Who may write keys starting with <see cref="Prefix"/>: authors holding any of <see cref="Roles"/>, or with <see cref="SelfOnly"/> only the node the key names.</summary>
    public sealed class KeyRule
    {
        /// <summary>Creates a rule.</summary>
        public KeyRule(string prefix, FleetRoles roles, bool selfOnly = false)
        {
            Prefix = prefix;
            Roles = roles;
            SelfOnly = selfOnly;
        }

        /// <summary>The key prefix (longest match wins).</summary>
        public string Prefix { get; }

        /// <summary>Roles allowed (any of them).</summary>
        public FleetRoles Roles { get; }

        /// <summary>Only the node whose 16-hex-digit id follows the prefix may write (presence).</summary>
        public bool SelfOnly { get; }
    }
}

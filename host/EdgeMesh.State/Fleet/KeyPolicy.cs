using System;
using System.Collections.Generic;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.State.Fleet
{
    /// <summary>
    /// Which roles may write which key prefixes (docs/fleet-state.md §5). Keys no rule covers are
    /// refused. The default: <c>presence/&lt;id&gt;</c> by that node only, <c>mission/</c> and
    /// <c>config/</c> by operators.
    /// </summary>
    public sealed class KeyPolicy
    {
        /// <summary>The presence prefix.</summary>
        public const string PresencePrefix = "presence/";

        private readonly List<KeyRule> _rules;

        /// <summary>A policy of <paramref name="rules"/>.</summary>
        public KeyPolicy(IEnumerable<KeyRule> rules)
        {
            _rules = new List<KeyRule>(rules);
            _rules.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        }

        /// <summary>The default policy.</summary>
        public static KeyPolicy Default { get; } = new KeyPolicy(new[]
        {
            new KeyRule(PresencePrefix, FleetRoles.All, selfOnly: true),
            new KeyRule("mission/", FleetRoles.Operator),
            new KeyRule("config/", FleetRoles.Operator),
        });

        /// <summary>The presence key of <paramref name="node"/>.</summary>
        public static string PresenceKey(ulong node)
        {
            return PresencePrefix + node.ToString("x16");
        }

        /// <summary>May an author with <paramref name="roles"/> and id <paramref name="author"/> write <paramref name="key"/>?</summary>
        public EntryVerdict Check(string key, ulong author, FleetRoles roles)
        {
            ArgumentNullException.ThrowIfNull(key);
            foreach (KeyRule rule in _rules)
            {
                if (!key.StartsWith(rule.Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (rule.SelfOnly)
                {
                    return string.Equals(key, rule.Prefix + author.ToString("x16"), StringComparison.Ordinal) ? EntryVerdict.Accepted : EntryVerdict.RoleNotAllowed;
                }

                return (roles & rule.Roles) != 0 ? EntryVerdict.Accepted : EntryVerdict.RoleNotAllowed;
            }

            return EntryVerdict.KeyNotAllowed;
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.Security.Admission;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Fleet
{
    /// <summary>
    /// What a node says about itself under <c>presence/&lt;id&gt;</c> (docs/fleet-state.md §5):
    /// roles, addresses, the radio nodes it reaches as a gateway and its software version. Written
    /// when it changes (and refreshed well inside the pruning horizon), never per heartbeat: whether
    /// a node is alive is derived locally from SWIM and heartbeats.
    /// </summary>
    public sealed class PresenceInfo : IEquatable<PresenceInfo>
    {
        /// <summary>Most addresses.</summary>
        public const int MaxAddresses = 8;

        /// <summary>Most gateway-reachable radio nodes.</summary>
        public const int MaxRadioNodes = 64;

        private const byte Version = 1;

        /// <summary>Creates a record.</summary>
        public PresenceInfo(FleetRoles roles, string softwareVersion, IReadOnlyList<string> addresses, IReadOnlyList<ulong> radioNodes, bool rendezvous = false)
        {
            ArgumentNullException.ThrowIfNull(softwareVersion);
            ArgumentNullException.ThrowIfNull(addresses);
            ArgumentNullException.ThrowIfNull(radioNodes);
            if (addresses.Count > MaxAddresses || radioNodes.Count > MaxRadioNodes)
            {
                throw new ArgumentException("too many addresses or radio nodes");
            }

            Roles = roles;
            SoftwareVersion = softwareVersion;
            Addresses = addresses;
            RadioNodes = radioNodes;
            Rendezvous = rendezvous;
        }

        /// <summary>The node is configured as a rendezvous node: new nodes sync with it first (docs/fleet-state.md §8).</summary>
        public bool Rendezvous { get; }

        /// <summary>Roles from the node's certificate.</summary>
        public FleetRoles Roles { get; }

        /// <summary>Software version.</summary>
        public string SoftwareVersion { get; }

        /// <summary>Addresses it listens on.</summary>
        public IReadOnlyList<string> Addresses { get; }

        /// <summary>Radio (constrained) nodes reachable through it as a gateway.</summary>
        public IReadOnlyList<ulong> RadioNodes { get; }

        /// <summary>The encoded value.</summary>
        public byte[] Encode()
        {
            var w = new StateWriter(64);
            w.WriteByte(Version);
            w.WriteByte((byte)Roles);
            w.WriteByte(Rendezvous ? (byte)1 : (byte)0);
            w.WriteKey(SoftwareVersion);
            w.WriteVarint((ulong)Addresses.Count);
            foreach (string a in Addresses)
            {
                w.WriteKey(a);
            }

            w.WriteVarint((ulong)RadioNodes.Count);
            foreach (ulong r in RadioNodes)
            {
                w.WriteUInt64(r);
            }

            return w.ToArray();
        }

        /// <summary>Decodes a value; never throws.</summary>
        public static StateError TryDecode(ReadOnlySpan<byte> bytes, out PresenceInfo? info)
        {
            info = null;
            var r = new StateReader(bytes);
            StateError e = r.ReadByte(out byte version);
            if (e == StateError.None && version != Version)
            {
                return StateError.UnsupportedVersion;
            }

            byte roles = 0;
            string software = string.Empty;
            if (e == StateError.None)
            {
                e = r.ReadByte(out roles);
            }

            byte flags = 0;
            if (e == StateError.None)
            {
                e = r.ReadByte(out flags);
                if (e == StateError.None && flags > 1)
                {
                    e = StateError.NotCanonical;
                }
            }

            if (e == StateError.None)
            {
                e = r.ReadKey(out software);
            }

            int count = 0;
            if (e == StateError.None)
            {
                e = r.ReadCount(MaxAddresses, 1, out count);
            }

            var addresses = new List<string>();
            for (int i = 0; i < count && e == StateError.None; i++)
            {
                e = r.ReadKey(out string a);
                addresses.Add(a);
            }

            if (e == StateError.None)
            {
                e = r.ReadCount(MaxRadioNodes, 8, out count);
            }

            var radio = new List<ulong>();
            for (int i = 0; i < count && e == StateError.None; i++)
            {
                e = r.ReadNode(out ulong n);
                radio.Add(n);
            }

            if (e == StateError.None && r.Remaining != 0)
            {
                e = StateError.TrailingBytes;
            }

            if (e == StateError.None)
            {
                info = new PresenceInfo((FleetRoles)roles, software, addresses, radio, flags == 1);
            }

            return e;
        }

        /// <inheritdoc />
        public bool Equals(PresenceInfo? other)
        {
            return other != null && Encode().AsSpan().SequenceEqual(other.Encode());
        }

        /// <inheritdoc />
        public override bool Equals(object? obj)
        {
            return Equals(obj as PresenceInfo);
        }

        /// <inheritdoc />
        public override int GetHashCode()
        {
            return HashCode.Combine(Roles, SoftwareVersion, Addresses.Count, RadioNodes.Count);
        }
    }
}

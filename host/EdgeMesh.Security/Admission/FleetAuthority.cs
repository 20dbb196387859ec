using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Admission
{
    /// <summary>
    /// The fleet root: signs node certificates and revocation lists. Its key never leaves the
    /// operator's machine; nodes only hold its public key (the trust anchor). The fleet id is the
    /// first 8 bytes (big-endian) of BLAKE2b-256("edgemesh/fleet-id/v1" ‖ root public key).
    /// </summary>
    public sealed class FleetAuthority : IDisposable
    {
        private readonly Ed25519KeyPair _root;

        /// <summary>Takes ownership of the fleet root key pair.</summary>
        public FleetAuthority(Ed25519KeyPair rootKeys)
        {
            ArgumentNullException.ThrowIfNull(rootKeys);
            _root = rootKeys;
            FleetId = DeriveFleetId(rootKeys.PublicKey);
        }

        /// <summary>The fleet id carried in certificates and revocation lists.</summary>
        public ulong FleetId { get; }

        /// <summary>The root public key, the trust anchor every node is configured with.</summary>
        public ReadOnlySpan<byte> PublicKey => _root.PublicKey;

        /// <summary>The root key pair (for writing it to a key file).</summary>
        public Ed25519KeyPair Keys => _root;

        /// <summary>The domain-separation prefix of fleet ids (ASCII, 20 bytes).</summary>
        internal static ReadOnlySpan<byte> Domain => "edgemesh/fleet-id/v1"u8;

        /// <summary>Creates a new fleet root key.</summary>
        public static FleetAuthority Generate()
        {
            return new FleetAuthority(Ed25519KeyPair.Generate());
        }

        /// <summary>The fleet id of a root public key; 0 when the key is not 32 bytes.</summary>
        public static ulong DeriveFleetId(ReadOnlySpan<byte> rootPublicKey)
        {
            Span<byte> hash = stackalloc byte[32];
            return DomainHash.TryCompute(Domain, rootPublicKey, hash) ? BinaryPrimitives.ReadUInt64BigEndian(hash) : 0;
        }

        /// <summary>The fleet id as 16 hex digits.</summary>
        public static string FormatFleetId(ulong fleetId)
        {
            return Hex.FormatUInt64(fleetId);
        }

        /// <summary>Issues a certificate for a node public key, valid in [<paramref name="notBeforeMs"/>, <paramref name="notAfterMs"/>).</summary>
        public byte[] IssueCertificate(ReadOnlySpan<byte> nodePublicKey, FleetRoles roles, long notBeforeMs, long notAfterMs)
        {
            if (nodePublicKey.Length != Ed25519KeyPair.PublicKeyLength || NodeIds.Derive(nodePublicKey).IsEmpty)
            {
                throw new ArgumentException("not a usable node public key", nameof(nodePublicKey));
            }

            if (roles == FleetRoles.None || (roles & ~FleetRoles.All) != 0)
            {
                throw new ArgumentException("a certificate needs at least one defined role", nameof(roles));
            }

            if (notBeforeMs < 0 || notAfterMs <= notBeforeMs)
            {
                throw new ArgumentException("the validity period must start at or after 1970 and end after it starts", nameof(notAfterMs));
            }

            byte[] certificate = new byte[NodeCertificate.Length];
            NodeCertificate.WriteBody(certificate, FleetId, nodePublicKey, roles, notBeforeMs, notAfterMs);
            _root.Sign(certificate.AsSpan(0, DocumentLayout.CertSignedLength), certificate.AsSpan(DocumentLayout.CertSignedLength));
            return certificate;
        }

        /// <summary>
        /// Issues revocation list <paramref name="version"/> holding <paramref name="revoked"/>
        /// (sorted and de-duplicated here; the all-zero id is ignored).
        /// </summary>
        public byte[] IssueRevocationList(ulong version, long issuedAtMs, IEnumerable<NodeId> revoked)
        {
            ArgumentNullException.ThrowIfNull(revoked);
            if (issuedAtMs < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(issuedAtMs));
            }

            var ids = new SortedSet<ulong>();
            foreach (NodeId id in revoked)
            {
                if (!id.IsEmpty)
                {
                    ids.Add(id.Value);
                }
            }

            if (ids.Count > AdmissionLimits.MaxRevokedIds)
            {
                throw new ArgumentException("a revocation list holds at most " + AdmissionLimits.MaxRevokedIds + " ids", nameof(revoked));
            }

            byte[] list = new byte[RevocationList.EncodedLength(ids.Count)];
            DocumentLayout.WritePreamble(list, DocumentLayout.RevocationListMagic, FleetId);
            BinaryPrimitives.WriteUInt64BigEndian(list.AsSpan(DocumentLayout.ListOffsetVersion), version);
            BinaryPrimitives.WriteInt64BigEndian(list.AsSpan(DocumentLayout.ListOffsetIssuedAt), issuedAtMs);
            BinaryPrimitives.WriteUInt16BigEndian(list.AsSpan(DocumentLayout.ListOffsetCount), (ushort)ids.Count);
            int offset = DocumentLayout.ListOffsetIds;
            foreach (ulong id in ids)
            {
                BinaryPrimitives.WriteUInt64BigEndian(list.AsSpan(offset), id);
                offset += 8;
            }

            _root.Sign(list.AsSpan(0, offset), list.AsSpan(offset));
            return list;
        }

        /// <summary>Zeroes and frees the root secret key.</summary>
        public void Dispose()
        {
            _root.Dispose();
        }
    }
}

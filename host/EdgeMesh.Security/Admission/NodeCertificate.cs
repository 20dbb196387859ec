using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Admission
{
    /// <summary>
    /// A read-only view of a 128-byte node certificate (docs/identity.md §3) over the caller's bytes:
    /// parsing allocates nothing. <see cref="TryParse"/> checks structure only; the fleet signature
    /// and validity period are checked by <see cref="PeerAdmission"/> (or <see cref="VerifySignature"/>).
    /// </summary>
    public readonly ref struct NodeCertificate
    {
        /// <summary>Encoded length of a certificate.</summary>
        public const int Length = DocumentLayout.CertLength;

        private readonly ReadOnlySpan<byte> _bytes;

        private NodeCertificate(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
        }

        /// <summary>The encoded certificate.</summary>
        public ReadOnlySpan<byte> Encoded => _bytes;

        /// <summary>Id of the fleet that issued it.</summary>
        public ulong FleetId => BinaryPrimitives.ReadUInt64BigEndian(_bytes.Slice(DocumentLayout.OffsetFleetId));

        /// <summary>Granted roles (never <see cref="FleetRoles.None"/>).</summary>
        public FleetRoles Roles => (FleetRoles)_bytes[DocumentLayout.CertOffsetRoles];

        /// <summary>The node's Ed25519 public key.</summary>
        public ReadOnlySpan<byte> PublicKey => _bytes.Slice(DocumentLayout.CertOffsetPublicKey, Ed25519KeyPair.PublicKeyLength);

        /// <summary>Start of validity, Unix milliseconds.</summary>
        public long NotBeforeMs => DocumentLayout.ReadTime(_bytes, DocumentLayout.CertOffsetNotBefore);

        /// <summary>End of validity (exclusive), Unix milliseconds.</summary>
        public long NotAfterMs => DocumentLayout.ReadTime(_bytes, DocumentLayout.CertOffsetNotAfter);

        /// <summary>The node's wire id, derived from <see cref="PublicKey"/> (a BLAKE2b computation).</summary>
        public NodeId NodeId => NodeIds.Derive(PublicKey);

        /// <summary>The bytes the fleet root signs.</summary>
        public ReadOnlySpan<byte> SignedBytes => _bytes.Slice(0, DocumentLayout.CertSignedLength);

        /// <summary>The fleet root's signature.</summary>
        public ReadOnlySpan<byte> Signature => _bytes.Slice(DocumentLayout.CertSignedLength, DocumentLayout.SignatureLength);

        /// <summary>
        /// Checks the layout (length, magic, version, reserved bytes, roles, not-before &lt; not-after)
        /// and returns a view; never throws. Returns <see cref="AdmissionError.Malformed"/> or
        /// <see cref="AdmissionError.UnsupportedVersion"/> for bad input.
        /// </summary>
        public static AdmissionError TryParse(ReadOnlySpan<byte> encoded, out NodeCertificate certificate)
        {
            certificate = default;
            AdmissionError error = DocumentLayout.CheckPreamble(encoded, DocumentLayout.CertificateMagic, DocumentLayout.CertOffsetRoles + 1);
            if (error != AdmissionError.None)
            {
                return error;
            }

            var candidate = new NodeCertificate(encoded);
            FleetRoles roles = candidate.Roles;
            if (encoded.Length != Length || roles == FleetRoles.None || (roles & ~FleetRoles.All) != 0)
            {
                return AdmissionError.Malformed;
            }

            long notBefore = candidate.NotBeforeMs;
            if (notBefore < 0 || candidate.NotAfterMs <= notBefore)
            {
                return AdmissionError.Malformed;
            }

            certificate = candidate;
            return AdmissionError.None;
        }

        /// <summary>True when the fleet root with <paramref name="fleetRootPublicKey"/> signed this certificate.</summary>
        public bool VerifySignature(ReadOnlySpan<byte> fleetRootPublicKey)
        {
            return Ed25519KeyPair.Verify(fleetRootPublicKey, SignedBytes, Signature);
        }

        /// <summary>Writes the unsigned part of a certificate (the signer appends the signature).</summary>
        internal static void WriteBody(Span<byte> destination, ulong fleetId, ReadOnlySpan<byte> publicKey, FleetRoles roles, long notBeforeMs, long notAfterMs)
        {
            destination.Slice(0, DocumentLayout.CertSignedLength).Clear();
            DocumentLayout.WritePreamble(destination, DocumentLayout.CertificateMagic, fleetId);
            destination[DocumentLayout.CertOffsetRoles] = (byte)roles;
            publicKey.CopyTo(destination.Slice(DocumentLayout.CertOffsetPublicKey));
            BinaryPrimitives.WriteInt64BigEndian(destination.Slice(DocumentLayout.CertOffsetNotBefore), notBeforeMs);
            BinaryPrimitives.WriteInt64BigEndian(destination.Slice(DocumentLayout.CertOffsetNotAfter), notAfterMs);
        }
    }
}

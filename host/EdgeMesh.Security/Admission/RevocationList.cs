using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Admission
{
    /// <summary>
    /// A read-only view of a signed, versioned revocation list (docs/identity.md §4) over the
    /// caller's bytes. <see cref="TryParse"/> checks structure only (ids strictly ascending, none
    /// zero, at most <see cref="AdmissionLimits.MaxRevokedIds"/>); <see cref="PeerAdmission"/>
    /// checks the fleet, signature and version.
    /// </summary>
    public readonly ref struct RevocationList
    {
        private readonly ReadOnlySpan<byte> _bytes;

        private RevocationList(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
        }

        /// <summary>The encoded document.</summary>
        public ReadOnlySpan<byte> Encoded => _bytes;

        /// <summary>Id of the fleet that issued it.</summary>
        public ulong FleetId => BinaryPrimitives.ReadUInt64BigEndian(_bytes.Slice(DocumentLayout.OffsetFleetId));

        /// <summary>The list's version; a node replaces its list only with a higher version.</summary>
        public ulong Version => BinaryPrimitives.ReadUInt64BigEndian(_bytes.Slice(DocumentLayout.ListOffsetVersion));

        /// <summary>When the fleet root issued it, Unix milliseconds.</summary>
        public long IssuedAtMs => DocumentLayout.ReadTime(_bytes, DocumentLayout.ListOffsetIssuedAt);

        /// <summary>Number of revoked node ids.</summary>
        public int Count => BinaryPrimitives.ReadUInt16BigEndian(_bytes.Slice(DocumentLayout.ListOffsetCount));

        /// <summary>The bytes the fleet root signs.</summary>
        public ReadOnlySpan<byte> SignedBytes => _bytes.Slice(0, _bytes.Length - DocumentLayout.SignatureLength);

        /// <summary>The fleet root's signature.</summary>
        public ReadOnlySpan<byte> Signature => _bytes.Slice(_bytes.Length - DocumentLayout.SignatureLength);

        /// <summary>Encoded length of a list with <paramref name="count"/> ids.</summary>
        public static int EncodedLength(int count)
        {
            return DocumentLayout.ListOffsetIds + (8 * count) + DocumentLayout.SignatureLength;
        }

        /// <summary>The <paramref name="index"/>-th revoked id (ascending order).</summary>
        public NodeId this[int index] => new NodeId(BinaryPrimitives.ReadUInt64BigEndian(_bytes.Slice(DocumentLayout.ListOffsetIds + (8 * index))));

        /// <summary>Checks the layout and returns a view; never throws.</summary>
        public static AdmissionError TryParse(ReadOnlySpan<byte> encoded, out RevocationList list)
        {
            list = default;
            AdmissionError error = DocumentLayout.CheckPreamble(encoded, DocumentLayout.RevocationListMagic, DocumentLayout.OffsetVersion + 1);
            if (error != AdmissionError.None)
            {
                return error;
            }

            if (encoded.Length < EncodedLength(0))
            {
                return AdmissionError.Malformed;
            }

            var candidate = new RevocationList(encoded);
            int count = candidate.Count;
            if (count > AdmissionLimits.MaxRevokedIds || encoded.Length != EncodedLength(count) || candidate.IssuedAtMs < 0)
            {
                return AdmissionError.Malformed;
            }

            ulong previous = 0;
            for (int i = 0; i < count; i++)
            {
                ulong id = candidate[i].Value;
                if (id <= previous)
                {
                    return AdmissionError.Malformed; // zero, unsorted or repeated
                }

                previous = id;
            }

            list = candidate;
            return AdmissionError.None;
        }

        /// <summary>True when <paramref name="id"/> is on the list (binary search).</summary>
        public bool Contains(NodeId id)
        {
            int low = 0;
            int high = Count - 1;
            while (low <= high)
            {
                int middle = (low + high) >>> 1;
                ulong value = this[middle].Value;
                if (value == id.Value)
                {
                    return true;
                }

                if (value < id.Value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return false;
        }

        /// <summary>True when the fleet root with <paramref name="fleetRootPublicKey"/> signed this list.</summary>
        public bool VerifySignature(ReadOnlySpan<byte> fleetRootPublicKey)
        {
            return Ed25519KeyPair.Verify(fleetRootPublicKey, SignedBytes, Signature);
        }
    }
}

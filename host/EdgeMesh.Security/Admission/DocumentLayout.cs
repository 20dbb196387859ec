using System;
using System.Buffers.Binary;

namespace EdgeMesh.Security.Admission
{
    /// <summary>Byte offsets shared by the signed fleet documents (docs/identity.md §3, §4).</summary>
    internal static class DocumentLayout
    {
        internal const byte FormatVersion = 1;
        internal const int OffsetVersion = 4;
        internal const int OffsetFleetId = 8;
        internal const int SignatureLength = Ed25519KeyPair.SignatureLength;

        internal const int CertOffsetRoles = 5;
        internal const int CertOffsetPublicKey = 16;
        internal const int CertOffsetNotBefore = 48;
        internal const int CertOffsetNotAfter = 56;
        internal const int CertSignedLength = 64;
        internal const int CertLength = CertSignedLength + SignatureLength;

        internal const int ListOffsetVersion = 16;
        internal const int ListOffsetIssuedAt = 24;
        internal const int ListOffsetCount = 32;
        internal const int ListOffsetIds = 34;

        internal static ReadOnlySpan<byte> CertificateMagic => "EMCT"u8;

        internal static ReadOnlySpan<byte> RevocationListMagic => "EMRL"u8;

        /// <summary>Magic, version and the zero reserved bytes at <paramref name="reservedFrom"/>..7.</summary>
        internal static AdmissionError CheckPreamble(ReadOnlySpan<byte> document, ReadOnlySpan<byte> magic, int reservedFrom)
        {
            if (document.Length < OffsetFleetId + 8 || !document.StartsWith(magic))
            {
                return AdmissionError.Malformed;
            }

            if (document[OffsetVersion] != FormatVersion)
            {
                return AdmissionError.UnsupportedVersion;
            }

            for (int i = reservedFrom; i < OffsetFleetId; i++)
            {
                if (document[i] != 0)
                {
                    return AdmissionError.Malformed;
                }
            }

            return AdmissionError.None;
        }

        internal static void WritePreamble(Span<byte> document, ReadOnlySpan<byte> magic, ulong fleetId)
        {
            magic.CopyTo(document);
            document[OffsetVersion] = FormatVersion;
            BinaryPrimitives.WriteUInt64BigEndian(document.Slice(OffsetFleetId), fleetId);
        }

        internal static long ReadTime(ReadOnlySpan<byte> document, int offset)
        {
            ulong value = BinaryPrimitives.ReadUInt64BigEndian(document.Slice(offset));
            return value > long.MaxValue ? -1 : (long)value;
        }
    }
}

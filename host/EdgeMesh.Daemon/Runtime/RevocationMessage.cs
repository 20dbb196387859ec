using System;
using System.Buffers.Binary;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// Payload of a <c>PayloadType.RevocationOffer</c> Membership frame: one kind byte (1 offer,
    /// 2 request) and the revocation-list version the sender holds, big-endian (9 bytes). The list
    /// itself travels in an Admission frame, which receivers verify against the fleet root.
    /// </summary>
    internal static class RevocationMessage
    {
        internal const int Length = 9;

        internal const byte Offer = 1;

        internal const byte Request = 2;

        internal static int Encode(byte kind, ulong version, Span<byte> destination)
        {
            destination[0] = kind;
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(1), version);
            return Length;
        }

        /// <summary>False for anything but exactly one offer or request.</summary>
        internal static bool TryDecode(ReadOnlySpan<byte> payload, out byte kind, out ulong version)
        {
            kind = 0;
            version = 0;
            if (payload.Length != Length || (payload[0] != Offer && payload[0] != Request))
            {
                return false;
            }

            kind = payload[0];
            version = BinaryPrimitives.ReadUInt64BigEndian(payload.Slice(1));
            return true;
        }
    }
}

using System;
using System.Buffers.Binary;
using System.Net;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// The daemon's address book exchange (payload type <see cref="EdgeMesh.Protocol.Payloads.PayloadType.PeerDirectory"/>
    /// in hop-by-hop Membership frames; docs/gossip.md §"Addresses"). A request names up to
    /// <see cref="MaxRequestIds"/> node ids; an answer carries one node's UDP address and, in
    /// production mode, its fleet certificate, so the asker can reach and authenticate a node the
    /// gossip layer told it about only by id. Layouts (big-endian):
    /// request <c>[1][count][count × id:8]</c>; answer <c>[2][id:8][addressLength 4|16][address][port:2][certificateLength:2][certificate]</c>.
    /// Decoders never throw on untrusted input.
    /// </summary>
    internal static class PeerDirectoryMessage
    {
        /// <summary>Most ids in one request.</summary>
        internal const int MaxRequestIds = 8;

        /// <summary>Longest certificate an answer may carry.</summary>
        internal const int MaxCertificateLength = 512;

        internal const byte RequestOp = 1;

        internal const byte AnswerOp = 2;

        /// <summary>Writes a request for <paramref name="ids"/> (at most <see cref="MaxRequestIds"/>); returns its length.</summary>
        internal static int EncodeRequest(ReadOnlySpan<NodeId> ids, Span<byte> destination)
        {
            int count = Math.Min(ids.Length, MaxRequestIds);
            destination[0] = RequestOp;
            destination[1] = (byte)count;
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(2 + (8 * i)), ids[i].Value);
            }

            return 2 + (8 * count);
        }

        /// <summary>The ids of a request; false when <paramref name="payload"/> is not a well-formed request.</summary>
        internal static bool TryDecodeRequest(ReadOnlySpan<byte> payload, Span<NodeId> ids, out int count)
        {
            count = 0;
            if (payload.Length < 2 || payload[0] != RequestOp || payload[1] == 0 || payload[1] > MaxRequestIds || payload.Length != 2 + (8 * payload[1]))
            {
                return false;
            }

            count = payload[1];
            for (int i = 0; i < count; i++)
            {
                ids[i] = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(payload.Slice(2 + (8 * i))));
            }

            return true;
        }

        /// <summary>Writes an answer; returns its length, or 0 when it does not fit <paramref name="destination"/>.</summary>
        internal static int EncodeAnswer(NodeId id, IPEndPoint address, ReadOnlySpan<byte> certificate, Span<byte> destination)
        {
            byte[] ip = address.Address.GetAddressBytes();
            int length = 1 + 8 + 1 + ip.Length + 2 + 2 + certificate.Length;
            if (length > destination.Length || certificate.Length > MaxCertificateLength)
            {
                return 0;
            }

            destination[0] = AnswerOp;
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(1), id.Value);
            destination[9] = (byte)ip.Length;
            ip.CopyTo(destination.Slice(10));
            int at = 10 + ip.Length;
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(at), (ushort)address.Port);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(at + 2), (ushort)certificate.Length);
            certificate.CopyTo(destination.Slice(at + 4));
            return length;
        }

        /// <summary>An answer's fields; false when <paramref name="payload"/> is not a well-formed answer.</summary>
        internal static bool TryDecodeAnswer(ReadOnlySpan<byte> payload, out NodeId id, out IPEndPoint? address, out ReadOnlySpan<byte> certificate)
        {
            id = default;
            address = null;
            certificate = default;
            if (payload.Length < 10 || payload[0] != AnswerOp || (payload[9] != 4 && payload[9] != 16))
            {
                return false;
            }

            int ipLength = payload[9];
            int at = 10 + ipLength;
            if (payload.Length < at + 4)
            {
                return false;
            }

            int port = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(at));
            int certificateLength = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(at + 2));
            if (port == 0 || certificateLength > MaxCertificateLength || payload.Length != at + 4 + certificateLength)
            {
                return false;
            }

            id = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(payload.Slice(1)));
            address = new IPEndPoint(new IPAddress(payload.Slice(10, ipLength)), port);
            certificate = payload.Slice(at + 4, certificateLength);
            return true;
        }
    }
}

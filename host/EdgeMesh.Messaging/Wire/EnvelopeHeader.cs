using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Wire
{
    /// <summary>
    /// The clear-text fields of an envelope (docs/direct-messages.md §3.1). Everything before the
    /// ciphertext is the AEAD's associated data, and everything before the signature is signed.
    /// </summary>
    internal readonly struct EnvelopeHeader
    {
        internal const int OffsetRequestId = 8;
        internal const int OffsetSender = 24;
        internal const int OffsetRecipient = 32;
        internal const int OffsetCreated = 40;
        internal const int OffsetExpires = 48;
        internal const int OffsetEnc = 56;
        internal const int OffsetCiphertextLength = 88;

        /// <summary>Bytes before the ciphertext (the AEAD's associated data).</summary>
        internal const int Length = 92;

        /// <summary>Bytes that are not ciphertext: header and signature.</summary>
        internal const int Overhead = Length + SignatureLength;

        internal const int SignatureLength = 64;
        internal const int EncLength = 32;

        /// <summary>Sealed body: version, content type, payload, then the 16-byte tag.</summary>
        internal const int BodyHeaderLength = 3;
        internal const int TagLength = 16;
        internal const int MinCiphertextLength = BodyHeaderLength + TagLength;
        internal const int MaxCiphertextLength = MinCiphertextLength + DmLimits.MaxPayloadBytes;

        /// <summary>Longest envelope: a 48 KiB payload.</summary>
        internal const int MaxLength = Overhead + MaxCiphertextLength;

        internal EnvelopeHeader(DmRequestId requestId, NodeId sender, NodeId recipient, long createdMs, long expiresMs, int ciphertextLength)
        {
            RequestId = requestId;
            Sender = sender;
            Recipient = recipient;
            CreatedMs = createdMs;
            ExpiresMs = expiresMs;
            CiphertextLength = ciphertextLength;
        }

        internal DmRequestId RequestId { get; }

        internal NodeId Sender { get; }

        internal NodeId Recipient { get; }

        internal long CreatedMs { get; }

        internal long ExpiresMs { get; }

        internal int CiphertextLength { get; }

        /// <summary>Total envelope length: header, ciphertext, signature.</summary>
        internal int EnvelopeLength => Overhead + CiphertextLength;

        /// <summary>Length of an envelope carrying <paramref name="payloadLength"/> payload bytes.</summary>
        internal static int EnvelopeLengthFor(int payloadLength)
        {
            return Overhead + MinCiphertextLength + payloadLength;
        }

        /// <summary>
        /// Parses and checks the layout of a complete envelope: magic, version, reserved bytes, ids
        /// not zero, times not negative and ordered, and a length that matches the ciphertext length
        /// field exactly. Never throws, never reads outside <paramref name="envelope"/>.
        /// </summary>
        internal static DmRefusal TryParse(ReadOnlySpan<byte> envelope, out EnvelopeHeader header)
        {
            header = default;
            DmRefusal preamble = DmWire.CheckPreamble(envelope, DmWire.EnvelopeMagic, Length);
            if (preamble != DmRefusal.None)
            {
                return preamble;
            }

            uint ciphertextLength = BinaryPrimitives.ReadUInt32BigEndian(envelope.Slice(OffsetCiphertextLength));
            if (envelope[5] != 0 || envelope[6] != 0 || envelope[7] != 0
                || ciphertextLength < MinCiphertextLength || ciphertextLength > MaxCiphertextLength
                || envelope.Length != Overhead + (int)ciphertextLength)
            {
                return DmRefusal.Malformed;
            }

            var parsed = new EnvelopeHeader(
                DmRequestId.Read(envelope.Slice(OffsetRequestId)),
                DmWire.ReadNodeId(envelope.Slice(OffsetSender)),
                DmWire.ReadNodeId(envelope.Slice(OffsetRecipient)),
                BinaryPrimitives.ReadInt64BigEndian(envelope.Slice(OffsetCreated)),
                BinaryPrimitives.ReadInt64BigEndian(envelope.Slice(OffsetExpires)),
                (int)ciphertextLength);
            if (parsed.RequestId.IsEmpty || parsed.Sender.IsEmpty || parsed.Recipient.IsEmpty
                || parsed.CreatedMs < 0 || parsed.ExpiresMs <= parsed.CreatedMs)
            {
                return DmRefusal.Malformed;
            }

            header = parsed;
            return DmRefusal.None;
        }

        /// <summary>Writes the header (bytes 0-91) with the given ephemeral public key.</summary>
        internal void Write(Span<byte> destination, ReadOnlySpan<byte> enc)
        {
            DmWire.WritePreamble(destination, DmWire.EnvelopeMagic);
            destination.Slice(5, 3).Clear();
            RequestId.Write(destination.Slice(OffsetRequestId));
            DmWire.WriteNodeId(destination.Slice(OffsetSender), Sender);
            DmWire.WriteNodeId(destination.Slice(OffsetRecipient), Recipient);
            BinaryPrimitives.WriteInt64BigEndian(destination.Slice(OffsetCreated), CreatedMs);
            BinaryPrimitives.WriteInt64BigEndian(destination.Slice(OffsetExpires), ExpiresMs);
            enc.CopyTo(destination.Slice(OffsetEnc, EncLength));
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(OffsetCiphertextLength), (uint)CiphertextLength);
        }
    }
}

using System;
using System.Buffers.Binary;
using System.Text;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Messaging.Wire
{
    /// <summary>
    /// A signed end-to-end acknowledgement: the recipient accepted the message, or rejected it with a
    /// reason (docs/direct-messages.md §3.4). Signed by the recipient over everything before the
    /// signature.
    /// </summary>
    internal readonly struct AckFields
    {
        internal const byte OutcomeAccepted = 1;
        internal const byte OutcomeRejected = 2;
        internal const int FixedLength = 49;
        internal const int MaxLength = FixedLength + DmLimits.MaxReasonTextBytes + EnvelopeHeader.SignatureLength;
        private const int OffsetOutcome = 5;
        private const int OffsetReason = 6;
        private const int OffsetRequestId = 8;
        private const int OffsetFrom = 24;
        private const int OffsetTo = 32;
        private const int OffsetTime = 40;
        private const int OffsetTextLength = 48;

        internal AckFields(DmRequestId requestId, NodeId from, NodeId to, long timeMs, DmRejectReason reason, string text)
        {
            RequestId = requestId;
            From = from;
            To = to;
            TimeMs = timeMs;
            Reason = reason;
            Text = text;
        }

        internal DmRequestId RequestId { get; }

        /// <summary>The node that signed the acknowledgement: the message's recipient.</summary>
        internal NodeId From { get; }

        /// <summary>The message's sender.</summary>
        internal NodeId To { get; }

        internal long TimeMs { get; }

        /// <summary><see cref="DmRejectReason.None"/> for an acceptance.</summary>
        internal DmRejectReason Reason { get; }

        /// <summary>Reason text of a rejection; empty for an acceptance.</summary>
        internal string Text { get; }

        internal bool Accepted => Reason == DmRejectReason.None;

        /// <summary>
        /// Parses an acknowledgement; <paramref name="signedLength"/> is the length of the signed part
        /// (the signature follows it). Never throws, never reads outside <paramref name="packet"/>.
        /// </summary>
        internal static DmRefusal TryParse(ReadOnlySpan<byte> packet, out AckFields ack, out int signedLength)
        {
            ack = default;
            signedLength = 0;
            DmRefusal preamble = DmWire.CheckPreamble(packet, DmWire.AckMagic, FixedLength + EnvelopeHeader.SignatureLength);
            if (preamble != DmRefusal.None)
            {
                return preamble;
            }

            byte outcome = packet[OffsetOutcome];
            var reason = (DmRejectReason)BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(OffsetReason));
            int textLength = packet[OffsetTextLength];
            bool consistent = outcome == OutcomeAccepted ? reason == DmRejectReason.None && textLength == 0 : outcome == OutcomeRejected && reason != DmRejectReason.None;
            if (!consistent || textLength > DmLimits.MaxReasonTextBytes || packet.Length != FixedLength + textLength + EnvelopeHeader.SignatureLength)
            {
                return DmRefusal.Malformed;
            }

            ReadOnlySpan<byte> text = packet.Slice(FixedLength, textLength);
            var parsed = new AckFields(
                DmRequestId.Read(packet.Slice(OffsetRequestId)),
                DmWire.ReadNodeId(packet.Slice(OffsetFrom)),
                DmWire.ReadNodeId(packet.Slice(OffsetTo)),
                BinaryPrimitives.ReadInt64BigEndian(packet.Slice(OffsetTime)),
                reason,
                textLength == 0 ? string.Empty : (System.Text.Unicode.Utf8.IsValid(text) ? Encoding.UTF8.GetString(text) : null!));
            if (parsed.Text == null || parsed.RequestId.IsEmpty || parsed.From.IsEmpty || parsed.To.IsEmpty || parsed.TimeMs < 0)
            {
                return DmRefusal.Malformed;
            }

            ack = parsed;
            signedLength = FixedLength + textLength;
            return DmRefusal.None;
        }

        /// <summary>Encodes and signs this acknowledgement with the recipient's identity.</summary>
        internal byte[] EncodeAndSign(NodeKeyPair signer)
        {
            // Rejection texts are cut to whole characters within the limit; acceptances carry none.
            int chars = Accepted ? 0 : CharsFitting(Text, DmLimits.MaxReasonTextBytes);
            int textLength = Encoding.UTF8.GetByteCount(Text.AsSpan(0, chars));
            byte[] packet = new byte[FixedLength + textLength + EnvelopeHeader.SignatureLength];
            Span<byte> span = packet;
            DmWire.WritePreamble(span, DmWire.AckMagic);
            span[OffsetOutcome] = Accepted ? OutcomeAccepted : OutcomeRejected;
            BinaryPrimitives.WriteUInt16BigEndian(span.Slice(OffsetReason), (ushort)Reason);
            RequestId.Write(span.Slice(OffsetRequestId));
            DmWire.WriteNodeId(span.Slice(OffsetFrom), From);
            DmWire.WriteNodeId(span.Slice(OffsetTo), To);
            BinaryPrimitives.WriteInt64BigEndian(span.Slice(OffsetTime), TimeMs);
            span[OffsetTextLength] = (byte)textLength;
            if (textLength > 0)
            {
                Encoding.UTF8.GetBytes(Text.AsSpan(0, chars), span.Slice(FixedLength, textLength));
            }

            int signed = FixedLength + textLength;
            signer.Keys.Sign(span.Slice(0, signed), span.Slice(signed, EnvelopeHeader.SignatureLength));
            return packet;
        }

        /// <summary>True when the signature verifies under <paramref name="publicKey"/>.</summary>
        internal static bool VerifySignature(ReadOnlySpan<byte> packet, int signedLength, ReadOnlySpan<byte> publicKey)
        {
            return Ed25519KeyPair.Verify(publicKey, packet.Slice(0, signedLength), packet.Slice(signedLength, EnvelopeHeader.SignatureLength));
        }

        /// <summary>Number of leading chars of <paramref name="text"/> whose UTF-8 form fits <paramref name="maxBytes"/>.</summary>
        private static int CharsFitting(string text, int maxBytes)
        {
            int bytes = 0;
            int i = 0;
            while (i < text.Length)
            {
                int step = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                int size = Encoding.UTF8.GetByteCount(text.AsSpan(i, step));
                if (bytes + size > maxBytes)
                {
                    break;
                }

                bytes += size;
                i += step;
            }

            return i;
        }
    }
}

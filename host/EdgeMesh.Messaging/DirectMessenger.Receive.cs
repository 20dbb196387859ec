using System;
using EdgeMesh.Messaging.Crypto;
using EdgeMesh.Messaging.Delivery;
using EdgeMesh.Messaging.Policy;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;

namespace EdgeMesh.Messaging
{
    /// <content>The receiving side: fragments, envelope checks, dedupe, policy, delivery and acknowledgements.</content>
    public sealed partial class DirectMessenger
    {
        /// <summary>
        /// Takes one packet (a frame payload addressed to this node, or published on its inbox topic).
        /// Returns <see cref="DmRefusal.None"/> when it was used (a fragment stored, a message delivered,
        /// an acknowledgement matched) and otherwise the reason it was refused, which is also counted.
        /// Never throws on bad input.
        /// </summary>
        /// <param name="packet">The packet bytes (read during the call only).</param>
        /// <param name="path">How it arrived (recorded on the delivered message).</param>
        /// <param name="nowMs">Now, Unix milliseconds.</param>
        public DmRefusal Receive(ReadOnlySpan<byte> packet, DmPathKind path, long nowMs)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (DmWire.HasMagic(packet, DmWire.FragmentMagic))
            {
                return ReceiveFragment(packet, path, nowMs);
            }

            if (DmWire.HasMagic(packet, DmWire.AckMagic))
            {
                return ReceiveAck(packet, nowMs);
            }

            return Refuse(DmRefusal.Malformed);
        }

        private DmRefusal ReceiveFragment(ReadOnlySpan<byte> packet, DmPathKind path, long nowMs)
        {
            DmRefusal refusal = FragmentHeader.TryParse(packet, out FragmentHeader fragment);
            if (refusal == DmRefusal.None)
            {
                refusal = _reassembly.Add(fragment, packet.Slice(FragmentHeader.Length), nowMs, out byte[]? envelope);
                if (refusal == DmRefusal.None && envelope != null)
                {
                    return ReceiveEnvelope(envelope, path, nowMs, fragment);
                }
            }

            return refusal == DmRefusal.None ? refusal : Refuse(refusal);
        }

        /// <summary>
        /// The recipient's checks, in order (docs/direct-messages.md §5.1): layout, recipient, clock
        /// skew, lifetime, expiry, sender key, signature, dedupe, dedupe floor, decryption, policy,
        /// inbox room. Only then is the message delivered, remembered and acknowledged.
        /// </summary>
        private DmRefusal ReceiveEnvelope(byte[] envelope, DmPathKind path, long nowMs, in FragmentHeader carrier = default)
        {
            DmRefusal refusal = EnvelopeHeader.TryParse(envelope, out EnvelopeHeader header);
            if (refusal != DmRefusal.None)
            {
                return Refuse(refusal);
            }

            if (!carrier.RequestId.IsEmpty && (carrier.RequestId != header.RequestId || carrier.Sender != header.Sender))
            {
                return Refuse(DmRefusal.FragmentMismatch);
            }

            if (header.Recipient != Id)
            {
                return Refuse(DmRefusal.WrongRecipient);
            }

            if (header.CreatedMs > nowMs + _options.MaxClockSkewMs)
            {
                return Refuse(DmRefusal.ClockSkew);
            }

            if (header.ExpiresMs - header.CreatedMs > DmLimits.MaxLifetimeMs)
            {
                return Refuse(DmRefusal.LifetimeTooLong);
            }

            if (nowMs >= header.ExpiresMs)
            {
                return Refuse(DmRefusal.Expired);
            }

            Span<byte> senderKey = stackalloc byte[Ed25519KeyPair.PublicKeyLength];
            if (!TryGetSigningKey(header.Sender, nowMs, senderKey))
            {
                return Refuse(DmRefusal.UnknownSender);
            }

            if (!EnvelopeSeal.VerifySignature(envelope, senderKey))
            {
                return Refuse(DmRefusal.BadSignature);
            }

            if (_dedupe.TryGet(header.Sender, header.RequestId, out DmRejectReason earlier, out string earlierText))
            {
                // A retry whose acknowledgement was lost, or a replay: the same answer again, no second delivery.
                SendAck(header, earlier, earlierText, nowMs);
                return Refuse(DmRefusal.Duplicate);
            }

            if (header.ExpiresMs <= _dedupe.FloorMs)
            {
                return Refuse(DmRefusal.TooOld);
            }

            refusal = EnvelopeSeal.TryOpen(_agreement, envelope, header, out ushort contentType, out ReadOnlyMemory<byte> payload);
            if (refusal != DmRefusal.None)
            {
                string text = refusal == DmRefusal.Undecryptable ? "the body does not decrypt with the recipient's key" : "the body layout is not supported";
                Decide(header, refusal == DmRefusal.Undecryptable ? DmRejectReason.Undecryptable : DmRejectReason.UnsupportedContent, text, nowMs);
                return Refuse(refusal);
            }

            DmPolicyDecision decision = _policy?.Evaluate(header.Sender, contentType, payload.Length, nowMs) ?? DmPolicyDecision.Accept;
            if (!decision.Accepted)
            {
                Decide(header, decision.Reason, decision.Text, nowMs);
                return Refuse(DmRefusal.PolicyRejected);
            }

            // Not remembered and not acknowledged when there is no room, when another sender's unread
            // message holds the same request id (the store's key), or when it cannot be persisted:
            // the sender's next attempt finds room or expires.
            if (_inbox.Count + _leases.Count >= _options.InboxCapacity || _inboxBytes + payload.Length > _options.InboxMaxBytes || _inboxIds.Contains(header.RequestId))
            {
                return Refuse(DmRefusal.InboxFull);
            }

            // Persisted before the acknowledgement: once the sender hears "accepted", a restart loses nothing.
            if (_inboxStore != null && !_inboxStore.TrySave(header.RequestId, envelope, Priority.Telemetry, out _))
            {
                _counters[(int)DmCounter.InboxSaveFailures]++;
                return Refuse(DmRefusal.InboxFull);
            }

            Deliver(header, contentType, payload, nowMs, path);
            _counters[(int)DmCounter.Delivered]++;
            Decide(header, DmRejectReason.None, string.Empty, nowMs);
            return DmRefusal.None;
        }

        private void Deliver(in EnvelopeHeader header, ushort contentType, ReadOnlyMemory<byte> payload, long receivedMs, DmPathKind path)
        {
            _inbox.Enqueue(new DirectMessage(header.RequestId, header.Sender, contentType, payload, header.CreatedMs, header.ExpiresMs, receivedMs, path));
            _inboxIds.Add(header.RequestId);
            _inboxBytes += payload.Length;
        }

        /// <summary>Remembers the outcome for dedupe and tells the sender.</summary>
        private void Decide(in EnvelopeHeader header, DmRejectReason reason, string text, long nowMs)
        {
            _dedupe.Add(header.Sender, header.RequestId, header.ExpiresMs, reason, text);
            SendAck(header, reason, text, nowMs);
        }

        private void SendAck(in EnvelopeHeader header, DmRejectReason reason, string text, long nowMs)
        {
            byte[] ack = new AckFields(header.RequestId, Id, header.Sender, nowMs, reason, text).EncodeAndSign(_identity);
            _counters[(int)(reason == DmRejectReason.None ? DmCounter.AcksSent : DmCounter.RejectionsSent)]++;
            DmPath path = ChoosePath(header.Sender, nowMs);
            if (path.Kind == DmPathKind.Loopback)
            {
                ReceiveAck(ack, nowMs);
                return;
            }

            Enqueue(new DmTransmission(path, header.Sender, DmPacketKind.Ack, Priority.Control, ack));
        }

        private DmRefusal ReceiveAck(ReadOnlySpan<byte> packet, long nowMs)
        {
            DmRefusal refusal = AckFields.TryParse(packet, out AckFields ack, out int signedLength);
            if (refusal != DmRefusal.None)
            {
                return Refuse(refusal);
            }

            if (ack.To != Id)
            {
                return Refuse(DmRefusal.WrongRecipient);
            }

            if (!_outgoing.TryGetValue(ack.RequestId, out OutgoingMessage? message))
            {
                return Refuse(DmRefusal.UnknownRequest);
            }

            if (ack.From != message.Recipient)
            {
                return Refuse(DmRefusal.AckSenderMismatch);
            }

            Span<byte> key = stackalloc byte[Ed25519KeyPair.PublicKeyLength];
            if (!TryGetSigningKey(ack.From, nowMs, key))
            {
                return Refuse(DmRefusal.UnknownSender);
            }

            if (!AckFields.VerifySignature(packet, signedLength, key))
            {
                return Refuse(DmRefusal.BadSignature);
            }

            _counters[(int)DmCounter.AcksReceived]++;
            Complete(message, ack.Accepted ? DmReceiptStatus.Accepted : DmReceiptStatus.Rejected, ack.Reason, ack.Text, nowMs);
            return DmRefusal.None;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using EdgeMesh.Messaging.Crypto;
using EdgeMesh.Messaging.Delivery;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;

namespace EdgeMesh.Messaging
{
    /// <content>The sender side: sealing, the outbox, attempts and receipts.</content>
    public sealed partial class DirectMessenger
    {
        /// <summary>
        /// Seals <paramref name="payload"/> for <paramref name="recipient"/>, stores it in the outbox
        /// and queues its first attempt. On success a <see cref="DmReceipt"/> follows (accepted,
        /// rejected or timed out) through <see cref="TryTakeReceipt"/>; on refusal nothing was stored
        /// and the result says why. Messages to this node itself go through loopback (the receipt is
        /// ready when this returns).
        /// </summary>
        /// <param name="recipient">The destination node.</param>
        /// <param name="payload">0..48 KiB; encrypted end to end, never stored in clear.</param>
        /// <param name="nowMs">Now, Unix milliseconds (the envelope's creation time).</param>
        /// <param name="contentType">Payload type for the recipient (docs/payloads.md; 4 = UTF-8 text).</param>
        /// <param name="lifetimeMs">Time until expiry; 0 for <see cref="DmOptions.DefaultLifetimeMs"/>.</param>
        /// <param name="priority">Frame priority for its fragments.</param>
        public DmSendResult Send(NodeId recipient, ReadOnlySpan<byte> payload, long nowMs, ushort contentType = PayloadType.Raw, long lifetimeMs = 0, Priority priority = Priority.Telemetry)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentOutOfRangeException.ThrowIfNegative(nowMs);
            if (recipient.IsEmpty)
            {
                return Refuse(DmSendError.InvalidRecipient, "the recipient id is empty");
            }

            if (payload.Length > DmLimits.MaxPayloadBytes)
            {
                return Refuse(DmSendError.PayloadTooLarge, "the payload is " + payload.Length.ToString(CultureInfo.InvariantCulture) + " bytes; a direct message carries at most " + DmLimits.MaxPayloadBytes.ToString(CultureInfo.InvariantCulture) + " bytes (48 KiB)");
            }

            long lifetime = lifetimeMs == 0 ? _options.DefaultLifetimeMs : lifetimeMs;
            if (lifetime < 1 || lifetime > _options.MaxLifetimeMs)
            {
                return Refuse(DmSendError.InvalidLifetime, "the lifetime must be between 1 ms and " + _options.MaxLifetimeMs.ToString(CultureInfo.InvariantCulture) + " ms");
            }

            // Expired entries give their room back before the outbox is judged full.
            Tick(nowMs);
            int envelopeLength = EnvelopeHeader.EnvelopeLengthFor(payload.Length);
            if (_outgoing.Count >= _options.OutboxCapacity || _outboxBytes + envelopeLength > _options.OutboxMaxBytes)
            {
                return Refuse(DmSendError.OutboxFull, "the outbox is full (" + _outgoing.Count.ToString(CultureInfo.InvariantCulture) + " messages, " + _outboxBytes.ToString(CultureInfo.InvariantCulture) + " bytes waiting for acknowledgement); try again when some are delivered or expire");
            }

            Span<byte> recipientKey = stackalloc byte[X25519KeyPair.KeyLength];
            if (!TryGetAgreementKey(recipient, nowMs, recipientKey))
            {
                return Refuse(DmSendError.RecipientKeyUnknown, "no usable key is known for " + recipient.ToString() + " (not enrolled, or its certificate has not reached this node)");
            }

            var header = new EnvelopeHeader(DmRequestId.NewId(), Id, recipient, nowMs, nowMs + lifetime, EnvelopeHeader.MinCiphertextLength + payload.Length);
            if (!EnvelopeSeal.TryCreate(_identity, recipientKey, header, contentType, payload, out byte[] envelope))
            {
                return Refuse(DmSendError.RecipientKeyUnknown, "the key known for " + recipient.ToString() + " cannot be used for encryption");
            }

            if (!_store.TrySave(header.RequestId, envelope, priority, out string error))
            {
                return Refuse(DmSendError.StorageFailed, error);
            }

            OutgoingMessage message = Track(header, envelope, priority);
            _counters[(int)DmCounter.Queued]++;
            StartAttempt(message, nowMs);
            return new DmSendResult(DmSendError.None, header.RequestId, "queued for " + recipient.ToString() + " as " + header.RequestId.ToString());
        }

        /// <summary>
        /// Puts every message of the outbox store back in flight (call once at start, before traffic).
        /// Messages that expired while the node was down get a timed-out receipt and are removed. All
        /// stored messages are resumed even beyond the outbox limits: none that was accepted is lost.
        /// </summary>
        public DmRestoreResult RestoreOutbox(long nowMs)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var problems = new List<string>();
            int resumed = 0;
            int expired = 0;
            foreach (DmStoredEnvelope stored in _store.LoadAll(problems))
            {
                if (EnvelopeHeader.TryParse(stored.Envelope, out EnvelopeHeader header) != DmRefusal.None || header.Sender != Id)
                {
                    // Kept in the store: it may belong to another identity of this node's operator.
                    problems.Add("stored message " + (header.RequestId.IsEmpty ? "(unreadable)" : header.RequestId.ToString()) + " was not sealed by this node (" + Id.ToString() + "); left in place");
                    _counters[(int)DmCounter.RestoreDiscarded]++;
                    continue;
                }

                if (_outgoing.ContainsKey(header.RequestId))
                {
                    continue;
                }

                OutgoingMessage message = Track(header, stored.Envelope, stored.Priority);
                if (nowMs >= header.ExpiresMs)
                {
                    expired++;
                    Complete(message, DmReceiptStatus.TimedOut, DmRejectReason.None, string.Empty, nowMs);
                    continue;
                }

                resumed++;
                _counters[(int)DmCounter.Restored]++;
                StartAttempt(message, nowMs);
            }

            return new DmRestoreResult(resumed, expired, problems);
        }

        private OutgoingMessage Track(in EnvelopeHeader header, byte[] envelope, Priority priority)
        {
            ReadOnlyMemory<byte>[]? fragments = header.Recipient == Id ? null : FragmentHeader.Split(envelope, _options.FragmentChunkBytes, header.RequestId, Id);
            var message = new OutgoingMessage(header.RequestId, header.Recipient, header.ExpiresMs, priority, envelope, fragments);
            _outgoing.Add(message.Id, message);
            _outboxBytes += message.EnvelopeLength;
            return message;
        }

        /// <summary>Sends every fragment on the path chosen now and waits for the acknowledgement until the attempt times out.</summary>
        private void StartAttempt(OutgoingMessage message, long nowMs)
        {
            message.Attempts++;
            _counters[(int)DmCounter.Attempts]++;
            if (message.Attempts > 1)
            {
                _counters[(int)DmCounter.Retries]++;
            }

            DmPath path = ChoosePath(message.Recipient, nowMs);
            message.LastPath = path;
            message.AwaitingAck = true;
            message.DueMs = Math.Min(nowMs + _options.AttemptTimeoutMs, message.ExpiresMs);
            if (message.Envelope != null)
            {
                // Loopback: the same checks as from the network; the acknowledgement comes straight back and completes it.
                ReceiveEnvelope(message.Envelope, DmPathKind.Loopback, nowMs);
                return;
            }

            foreach (ReadOnlyMemory<byte> fragment in message.Fragments!)
            {
                EnqueueFragment(new DmTransmission(path, message.Recipient, DmPacketKind.Fragment, message.Priority, fragment), nowMs);
                _counters[(int)DmCounter.FragmentsSent]++;
            }
        }

        /// <summary>Ends a message: frees its outbox entry and issues its receipt.</summary>
        private void Complete(OutgoingMessage message, DmReceiptStatus status, DmRejectReason reason, string reasonText, long nowMs)
        {
            _outgoing.Remove(message.Id);
            _outboxBytes -= message.EnvelopeLength;
            _store.Delete(message.Id);
            switch (status)
            {
                case DmReceiptStatus.Accepted:
                    _counters[(int)DmCounter.ReceiptsAccepted]++;
                    break;
                case DmReceiptStatus.Rejected:
                    _counters[(int)DmCounter.ReceiptsRejected]++;
                    break;
                default:
                    _counters[(int)DmCounter.ReceiptsTimedOut]++;
                    break;
            }

            EnqueueReceipt(new DmReceipt(message.Id, message.Recipient, status, message.LastPath.Kind, message.Attempts, reason, reasonText, nowMs));
        }

        /// <summary>The recipient's X25519 key: its enrolled Ed25519 key, converted (docs/direct-messages.md §4.1).</summary>
        private bool TryGetAgreementKey(NodeId recipient, long nowMs, Span<byte> agreementKey)
        {
            if (recipient == Id)
            {
                _agreement.PublicKey.CopyTo(agreementKey);
                return true;
            }

            Span<byte> signingKey = stackalloc byte[Ed25519KeyPair.PublicKeyLength];
            return _keys.TryGetPublicKey(recipient, nowMs, signingKey) && Ed25519KeyPair.TryConvertPublicKeyToX25519(signingKey, agreementKey);
        }

        private DmSendResult Refuse(DmSendError error, string message)
        {
            _sendErrors[(int)error]++;
            return new DmSendResult(error, default, message);
        }
    }
}

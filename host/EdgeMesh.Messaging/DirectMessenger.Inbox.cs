using System;
using System.Collections.Generic;
using EdgeMesh.Messaging.Crypto;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Wire;

namespace EdgeMesh.Messaging
{
    /// <content>The durable inbox: messages acknowledged but not yet taken survive a restart.</content>
    public sealed partial class DirectMessenger
    {
        /// <summary>
        /// Puts every message of the inbox store back in the inbox (call once at start, before
        /// traffic) and remembers each as accepted, so a retried copy is acknowledged again but not
        /// delivered twice. All stored messages come back even beyond the inbox limits and even if
        /// expired meanwhile: each was acknowledged, so none is dropped. A reloaded message has
        /// <see cref="DirectMessage.Path"/> <see cref="DmPathKind.None"/> and the reload time as
        /// <see cref="DirectMessage.ReceivedAtMs"/>. Without an inbox store this does nothing.
        /// </summary>
        public DmRestoreResult RestoreInbox(long nowMs)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var problems = new List<string>();
            int restored = 0;
            if (_inboxStore == null)
            {
                return new DmRestoreResult(restored, 0, problems);
            }

            foreach (DmStoredEnvelope stored in _inboxStore.LoadAll(problems))
            {
                if (EnvelopeHeader.TryParse(stored.Envelope, out EnvelopeHeader header) != DmRefusal.None || header.Recipient != Id
                    || EnvelopeSeal.TryOpen(_agreement, stored.Envelope, header, out ushort contentType, out ReadOnlyMemory<byte> payload) != DmRefusal.None)
                {
                    // Kept in the store: it may belong to another identity of this node's operator.
                    problems.Add("stored message " + (header.RequestId.IsEmpty ? "(unreadable)" : header.RequestId.ToString()) + " is not readable by this node (" + Id.ToString() + "); left in place");
                    _counters[(int)DmCounter.RestoreDiscarded]++;
                    continue;
                }

                if (_inboxIds.Contains(header.RequestId))
                {
                    continue;
                }

                if (!_dedupe.TryGet(header.Sender, header.RequestId, out _, out _))
                {
                    _dedupe.Add(header.Sender, header.RequestId, header.ExpiresMs, DmRejectReason.None, string.Empty);
                }

                Deliver(header, contentType, payload, nowMs, DmPathKind.None);
                restored++;
                _counters[(int)DmCounter.InboxRestored]++;
            }

            return new DmRestoreResult(restored, 0, problems);
        }
    }
}

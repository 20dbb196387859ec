using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using EdgeMesh.Messaging.Delivery;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Messaging.Policy;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Messaging
{
    /// <summary>
    /// Sans-IO direct messages for one node (docs/direct-messages.md). Inputs: <see cref="Send"/>,
    /// <see cref="Receive"/> (packets from frames addressed to this node or its inbox topic),
    /// <see cref="ObserveFrame"/> (every authenticated frame, for routes) and <see cref="Tick"/> (at
    /// <see cref="NextDeadlineMs"/>). Outputs: <see cref="TryDequeue"/> (packets to send),
    /// <see cref="TryTakeMessage"/> (deliveries) and <see cref="TryTakeReceipt"/> (send outcomes).
    /// Time is Unix milliseconds passed by the caller; nothing here reads a clock, opens a socket or
    /// starts a thread. Not thread-safe: one owner serialises all calls.
    /// </summary>
    public sealed partial class DirectMessenger : IDisposable
    {
        private static readonly int CounterCount = Enum.GetValues<DmCounter>().Length;
        private static readonly int RefusalCount = Enum.GetValues<DmRefusal>().Length;
        private static readonly int SendErrorCount = Enum.GetValues<DmSendError>().Length;

        private readonly NodeKeyPair _identity;
        private readonly X25519KeyPair _agreement;
        private readonly IDmKeyDirectory _keys;
        private readonly IDmOutboxStore _store;
        private readonly IDmOutboxStore? _inboxStore;
        private readonly IDmPolicy? _policy;
        private readonly DmOptions _options;
        private readonly Dictionary<DmRequestId, OutgoingMessage> _outgoing = new Dictionary<DmRequestId, OutgoingMessage>();
        private readonly List<OutgoingMessage> _due = new List<OutgoingMessage>();
        private readonly DedupeCache _dedupe;
        private readonly Reassembly _reassembly;
        private readonly Queue<DmTransmission> _transmit = new Queue<DmTransmission>();
        private readonly Queue<DirectMessage> _inbox = new Queue<DirectMessage>();
        private readonly HashSet<DmRequestId> _inboxIds = new HashSet<DmRequestId>();
        private readonly InboxLeases _leases = new InboxLeases();
        private readonly List<DirectMessage> _returned = new List<DirectMessage>();
        private readonly Queue<DmReceipt> _receipts = new Queue<DmReceipt>();
        private readonly long[] _counters = new long[CounterCount];
        private readonly long[] _refusals = new long[RefusalCount];
        private readonly long[] _sendErrors = new long[SendErrorCount];
        private long _outboxBytes;
        private long _inboxBytes;
        private bool _disposed;

        /// <summary>Creates the messenger of <paramref name="identity"/>.</summary>
        /// <param name="identity">This node's identity (not owned: the caller disposes it after this messenger).</param>
        /// <param name="keys">Where other nodes' keys come from.</param>
        /// <param name="options">Timing and bounds (validated); null for the defaults.</param>
        /// <param name="store">Where the outbox persists; null keeps it in memory only.</param>
        /// <param name="policy">Recipient policy; null accepts every authentic message.</param>
        /// <param name="inboxStore">
        /// Where received messages persist from before their acknowledgement until the application
        /// takes them (see <see cref="RestoreInbox"/>); null keeps the inbox in memory only.
        /// </param>
        public DirectMessenger(NodeKeyPair identity, IDmKeyDirectory keys, DmOptions? options = null, IDmOutboxStore? store = null, IDmPolicy? policy = null, IDmOutboxStore? inboxStore = null)
        {
            ArgumentNullException.ThrowIfNull(identity);
            ArgumentNullException.ThrowIfNull(keys);
            _options = options ?? new DmOptions();
            _options.Validate();
            _identity = identity;
            _keys = keys;
            _store = store ?? new MemoryOutboxStore();
            _policy = policy;
            _inboxStore = inboxStore;
            _agreement = identity.Keys.ToX25519KeyPair();
            _dedupe = new DedupeCache(_options.DedupeCapacity);
            _reassembly = new Reassembly(_options.ReassemblySlots, _options.ReassemblyMaxBytes, _options.ReassemblyTimeoutMs);
            Routes = new DmRouteTable(identity.Id, _options.RouteCapacity, _options.RouteLifetimeMs);
        }

        /// <summary>This node's id.</summary>
        public NodeId Id => _identity.Id;

        /// <summary>The options in force.</summary>
        public DmOptions Options => _options;

        /// <summary>Routes learned from traffic; relays may also use it to forward <c>Direct</c> frames.</summary>
        public DmRouteTable Routes { get; }

        /// <summary>Unacknowledged messages held (in flight or backing off).</summary>
        public int OutboxCount => _outgoing.Count;

        /// <summary>Envelope bytes held by the outbox (in memory as fragments: plus 40 bytes per fragment).</summary>
        public long OutboxBytes => _outboxBytes;

        /// <summary>Delivered messages not yet taken by the application.</summary>
        public int InboxCount => _inbox.Count;

        /// <summary>Packets ready for <see cref="TryDequeue"/> (fragments still waiting for pacing budget not included).</summary>
        public int TransmitQueueCount => _transmit.Count;

        /// <summary>Receipts waiting for <see cref="TryTakeReceipt"/>.</summary>
        public int ReceiptCount => _receipts.Count;

        /// <summary>Messages partly reassembled.</summary>
        public int ReassemblyCount => _reassembly.Count;

        /// <summary>Outcomes remembered for dedupe.</summary>
        public int DedupeCount => _dedupe.Count;

        /// <summary>
        /// When <see cref="Tick"/> must next run: the earliest attempt timeout, backoff end or expiry,
        /// reassembly timeout, dedupe expiry or pacing budget for a waiting fragment (<see cref="long.MaxValue"/> when nothing is scheduled).
        /// </summary>
        public long NextDeadlineMs
        {
            get
            {
                long next = Math.Min(Math.Min(_reassembly.NextExpiryMs, _dedupe.NextExpiryMs), Math.Min(NextPacingMs, _leases.NextExpiryMs));
                foreach (OutgoingMessage message in _outgoing.Values)
                {
                    next = Math.Min(next, message.DueMs);
                }

                return next;
            }
        }

        /// <summary>How many times <paramref name="counter"/> happened.</summary>
        public long Count(DmCounter counter)
        {
            switch (counter)
            {
                case DmCounter.ReassemblyEvictions: return _reassembly.Evictions;
                case DmCounter.ReassemblyTimeouts: return _reassembly.Timeouts;
                case DmCounter.FragmentDuplicates: return _reassembly.Duplicates;
                case DmCounter.DedupeEvictions: return _dedupe.Evictions;
                default: return _counters[(int)counter];
            }
        }

        /// <summary>How many received packets, envelopes or acknowledgements were refused for <paramref name="reason"/>.</summary>
        public long Refused(DmRefusal reason)
        {
            return _refusals[(int)reason];
        }

        /// <summary>How many sends were refused with <paramref name="error"/>.</summary>
        public long SendRefused(DmSendError error)
        {
            return _sendErrors[(int)error];
        }

        /// <summary>
        /// Adds every counter as (name, value) for status pages and metrics: <c>dm_queued</c>,
        /// <c>dm_refused_bad_signature</c>, <c>dm_send_refused_outbox_full</c>, <c>dm_outbox_messages</c>, ...
        /// </summary>
        public void CopyCounters(ICollection<KeyValuePair<string, long>> destination)
        {
            ArgumentNullException.ThrowIfNull(destination);
            foreach (DmCounter counter in Enum.GetValues<DmCounter>())
            {
                destination.Add(new KeyValuePair<string, long>("dm_" + CounterNames.Snake(counter.ToString()), Count(counter)));
            }

            foreach (DmRefusal reason in Enum.GetValues<DmRefusal>())
            {
                if (reason != DmRefusal.None)
                {
                    destination.Add(new KeyValuePair<string, long>("dm_refused_" + CounterNames.Snake(reason.ToString()), Refused(reason)));
                }
            }

            foreach (DmSendError error in Enum.GetValues<DmSendError>())
            {
                if (error != DmSendError.None)
                {
                    destination.Add(new KeyValuePair<string, long>("dm_send_refused_" + CounterNames.Snake(error.ToString()), SendRefused(error)));
                }
            }

            destination.Add(new KeyValuePair<string, long>("dm_outbox_messages", OutboxCount));
            destination.Add(new KeyValuePair<string, long>("dm_outbox_bytes", OutboxBytes));
            destination.Add(new KeyValuePair<string, long>("dm_inbox_messages", InboxCount));
            destination.Add(new KeyValuePair<string, long>("dm_inbox_leased", LeasedCount));
            destination.Add(new KeyValuePair<string, long>("dm_routes", Routes.Count));
            destination.Add(new KeyValuePair<string, long>("dm_route_evictions", Routes.Evictions));
        }

        /// <summary>Takes the next packet to send.</summary>
        public bool TryDequeue(out DmTransmission transmission)
        {
            return _transmit.TryDequeue(out transmission);
        }

        /// <summary>
        /// Takes the next message delivered to this node and deletes it from the inbox store at once:
        /// it is the caller's now, and lost if the caller fails to hand it on. Readers across a process
        /// or network boundary use <see cref="TryLeaseMessage"/> and <see cref="ConfirmMessage"/> instead.
        /// </summary>
        public bool TryTakeMessage([NotNullWhen(true)] out DirectMessage? message)
        {
            if (!_inbox.TryDequeue(out message))
            {
                return false;
            }

            Forget(message);
            return true;
        }

        /// <summary>
        /// Hands out the next message under a lease of <paramref name="leaseMs"/>: it stays in the inbox
        /// store until <see cref="ConfirmMessage"/>, and goes back to the inbox (counted as
        /// <see cref="DmCounter.LeasesExpired"/>) when the lease runs out first.
        /// </summary>
        public bool TryLeaseMessage(long nowMs, long leaseMs, [NotNullWhen(true)] out DirectMessage? message)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(leaseMs, 1);
            if (!_inbox.TryDequeue(out message))
            {
                return false;
            }

            _leases.Add(message, nowMs + leaseMs);
            return true;
        }

        /// <summary>Frees a leased message for good; false when it is not leased (unknown, confirmed before, or its lease ran out).</summary>
        public bool ConfirmMessage(DmRequestId requestId)
        {
            if (!_leases.TryRemove(requestId, out DirectMessage message))
            {
                return false;
            }

            Forget(message);
            return true;
        }

        /// <summary>Messages handed out under a lease and not confirmed yet.</summary>
        public int LeasedCount => _leases.Count;

        private void Forget(DirectMessage message)
        {
            _inboxBytes -= message.Payload.Length;
            _inboxIds.Remove(message.RequestId);
            _inboxStore?.Delete(message.RequestId);
        }

        private void ReturnExpiredLeases(long nowMs)
        {
            _returned.Clear();
            int count = _leases.ReturnExpired(nowMs, _returned);
            foreach (DirectMessage message in _returned)
            {
                _inbox.Enqueue(message);
            }

            _counters[(int)DmCounter.LeasesExpired] += count;
        }

        /// <summary>Takes the next send outcome.</summary>
        public bool TryTakeReceipt(out DmReceipt receipt)
        {
            if (!_receipts.TryDequeue(out DmReceipt? taken))
            {
                receipt = null!;
                return false;
            }

            receipt = taken;
            return true;
        }

        /// <summary>
        /// Learns a route from one authenticated frame (any kind) that <paramref name="origin"/> sent with
        /// <paramref name="sequence"/> and that arrived from <paramref name="neighbour"/> after
        /// <paramref name="hops"/> relays. When this opens a route where none was live, messages to
        /// <paramref name="origin"/> that are backing off are attempted over it at the next
        /// <see cref="Tick"/> (due now), so a recipient that comes back is reached at once.
        /// </summary>
        public void ObserveFrame(NodeId origin, ulong sequence, NodeId neighbour, int hops, long nowMs)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!Routes.Observe(origin, sequence, neighbour, hops, nowMs))
            {
                return;
            }

            foreach (OutgoingMessage message in _outgoing.Values)
            {
                if (message.Recipient == origin && !message.AwaitingAck)
                {
                    message.Expedite = true;
                    message.DueMs = Math.Min(message.DueMs, nowMs);
                }
            }
        }

        /// <summary>
        /// Runs timers due at <paramref name="nowMs"/>: attempt timeouts (a failed route is dropped and
        /// the next attempt falls back to the inbox topic), backoff ends (the next attempt), expiries
        /// (a timed-out receipt; the outbox entry is freed), paced fragments whose budget has refilled,
        /// and cache clean-up.
        /// </summary>
        public void Tick(long nowMs)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Routes.Sweep(nowMs);
            ReturnExpiredLeases(nowMs);
            _dedupe.Sweep(nowMs);
            _reassembly.Sweep(nowMs);
            _due.Clear();
            foreach (OutgoingMessage message in _outgoing.Values)
            {
                if (message.DueMs <= nowMs)
                {
                    _due.Add(message);
                }
            }

            foreach (OutgoingMessage message in _due)
            {
                if (_outgoing.ContainsKey(message.Id))
                {
                    Advance(message, nowMs);
                }
            }

            ReleasePaced(nowMs);
        }

        /// <summary>Zeroes this node's key-agreement key. The outbox store keeps its entries.</summary>
        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _agreement.Dispose();
            }
        }

        private void Advance(OutgoingMessage message, long nowMs)
        {
            if (nowMs >= message.ExpiresMs)
            {
                Complete(message, DmReceiptStatus.TimedOut, DmRejectReason.None, string.Empty, nowMs);
                return;
            }

            if (message.Expedite)
            {
                message.Expedite = false;
                _counters[(int)DmCounter.Expedited]++;
                StartAttempt(message, nowMs);
                return;
            }

            if (!message.AwaitingAck)
            {
                StartAttempt(message, nowMs);
                return;
            }

            // The attempt timed out. A route that swallowed it is not trusted again until news arrives.
            if (message.LastPath.Kind == DmPathKind.Direct && Routes.Invalidate(message.Recipient))
            {
                _counters[(int)DmCounter.RouteFailures]++;
            }

            if (message.Attempts >= _options.MaxAttempts)
            {
                Complete(message, DmReceiptStatus.TimedOut, DmRejectReason.None, string.Empty, nowMs);
                return;
            }

            // Backing off is for the same path; a route that appeared meanwhile is tried at once.
            if (message.LastPath.Kind == DmPathKind.GossipInbox && Routes.TryGetNextHop(message.Recipient, nowMs, out _, out _))
            {
                _counters[(int)DmCounter.Expedited]++;
                StartAttempt(message, nowMs);
                return;
            }

            message.AwaitingAck = false;
            message.DueMs = Math.Min(nowMs + BackoffMs(message.Attempts), message.ExpiresMs);
            if (message.DueMs <= nowMs)
            {
                StartAttempt(message, nowMs);
            }
        }

        /// <summary>Pause after the <paramref name="attempts"/>-th attempt timed out: base · 2^(attempts−1), capped.</summary>
        private long BackoffMs(int attempts)
        {
            int shift = Math.Min(attempts - 1, 40);
            long backoff = _options.BackoffBaseMs << shift;
            return backoff < 0 || backoff > _options.BackoffMaxMs ? _options.BackoffMaxMs : backoff;
        }

        private void Enqueue(in DmTransmission transmission)
        {
            if (_transmit.Count + _paced.Count >= _options.TransmitQueueCapacity)
            {
                _counters[(int)DmCounter.TransmitQueueDrops]++;
                return;
            }

            _transmit.Enqueue(transmission);
        }

        private void EnqueueReceipt(DmReceipt receipt)
        {
            if (_receipts.Count >= _options.ReceiptQueueCapacity)
            {
                _receipts.Dequeue();
                _counters[(int)DmCounter.ReceiptQueueDrops]++;
            }

            _receipts.Enqueue(receipt);
        }

        private DmRefusal Refuse(DmRefusal reason)
        {
            _refusals[(int)reason]++;
            return reason;
        }

        /// <summary>The Ed25519 key of <paramref name="node"/>: this node's own, or the directory's.</summary>
        private bool TryGetSigningKey(NodeId node, long nowMs, Span<byte> publicKey)
        {
            if (node == Id)
            {
                _identity.PublicKey.CopyTo(publicKey);
                return true;
            }

            return _keys.TryGetPublicKey(node, nowMs, publicKey);
        }

        /// <summary>Where packets for <paramref name="destination"/> go now: loopback, a known next hop, or its inbox topic.</summary>
        private DmPath ChoosePath(NodeId destination, long nowMs)
        {
            if (destination == Id)
            {
                return DmPath.Loopback;
            }

            return Routes.TryGetNextHop(destination, nowMs, out NodeId nextHop, out _) ? DmPath.Direct(nextHop) : DmPath.Gossip(destination);
        }
    }
}

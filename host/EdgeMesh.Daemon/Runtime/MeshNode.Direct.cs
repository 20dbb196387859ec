using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Keys;
using EdgeMesh.Messaging.Policy;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>
    /// Direct messages (docs/direct-messages.md): the daemon drives one <see cref="DirectMessenger"/>
    /// under the node's lock. Inputs: every authenticated frame (route learning), Direct/Ack frames
    /// addressed to this node, Publish frames on its inbox topic, the timer. Outputs: Direct/Ack frames
    /// to the next hop, Publish frames on a recipient's inbox topic, receipts for waiting senders and
    /// messages for the inbox API. Direct/Ack frames for other nodes are relayed unchanged along the
    /// learned routes with the hop count raised.
    /// </content>
    public sealed partial class MeshNode
    {
        private readonly long[] _dmCounters = new long[DirectRuntimeCounterCount];
        private readonly DmReceiptWaiters _dmWaiters = new();
        private DirectMessenger _dm = null!;
        private ulong _dmInboxTopic;
        private TaskCompletionSource _dmArrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private const int DirectRuntimeCounterCount = 6;

        /// <summary>What the daemon counts about direct messages besides the messenger's own counters.</summary>
        private enum DirectRuntimeCounter
        {
            /// <summary>Direct/Ack frames for other nodes forwarded to their next hop.</summary>
            Relayed = 0,

            /// <summary>Direct/Ack frames for other nodes dropped: no live route (the sender's retry falls back to gossip).</summary>
            RelayNoRoute = 1,

            /// <summary>Direct/Ack frames for other nodes dropped: hop limit reached or relaying forbidden.</summary>
            RelayHopLimit = 2,

            /// <summary>Transmissions dropped because the next hop's address is not known (the retry covers it).</summary>
            NextHopUnknown = 3,

            /// <summary>Inbox-topic publishes the gossip layer refused (or no gossip layer attached).</summary>
            GossipRefused = 4,

            /// <summary>Frames sent for direct messages (Direct, Ack and inbox publishes).</summary>
            FramesSent = 5,
        }

        /// <summary>The options the direct messenger runs with (lifetimes, timeouts, bounds).</summary>
        public DmOptions DirectOptions => _dm.Options;

        /// <summary>
        /// Seals <paramref name="payload"/> for <paramref name="recipient"/> and stores it in the persisted
        /// outbox; the receipt follows through <see cref="WaitForReceiptAsync"/>. Refused (nothing stored,
        /// counted) with a sentence when the payload is over 48 KiB, the outbox is full, the recipient's key
        /// is unknown or the lifetime is out of range.
        /// </summary>
        /// <param name="recipient">The destination node (this node itself: loopback).</param>
        /// <param name="contentType">Payload type for the recipient (docs/payloads.md; 4 = text).</param>
        /// <param name="payload">0..48 KiB, encrypted end to end.</param>
        /// <param name="lifetimeMs">Time until expiry; 0 for the configured default.</param>
        public DmSendResult SendDirect(NodeId recipient, ushort contentType, ReadOnlySpan<byte> payload, long lifetimeMs = 0)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                long now = NowMs;
                DmSendResult result = _dm.Send(recipient, payload, now, contentType, lifetimeMs);
                Pump(now);
                return result;
            }
        }

        /// <summary>Completes with the receipt of a message <see cref="SendDirect"/> accepted (cancel to stop waiting).</summary>
        public Task<DmReceipt> WaitForReceiptAsync(DmRequestId requestId, CancellationToken cancellationToken)
        {
            return _dmWaiters.WaitAsync(requestId, cancellationToken);
        }

        /// <summary>Takes up to <paramref name="max"/> received direct messages, oldest first (each is handed out once and then deleted from the persisted inbox).</summary>
        public List<DirectMessage> TakeDirectMessages(int max)
        {
            var taken = new List<DirectMessage>();
            lock (_gate)
            {
                while (taken.Count < max && !_disposed && _dm.TryTakeMessage(out DirectMessage? message))
                {
                    taken.Add(message);
                }
            }

            return taken;
        }

        /// <summary>
        /// Hands out up to <paramref name="max"/> received direct messages, oldest first, under a lease
        /// of <paramref name="leaseMs"/> (ending at <paramref name="expiresAtMs"/>): each stays in the persisted inbox until
        /// <see cref="ConfirmDirectMessages"/> and comes back when its lease runs out unconfirmed.
        /// </summary>
        public List<DirectMessage> LeaseDirectMessages(int max, long leaseMs, out long expiresAtMs)
        {
            var leased = new List<DirectMessage>();
            lock (_gate)
            {
                long now = NowMs;
                expiresAtMs = now + leaseMs; // on the node's own clock, the one the lease runs on
                while (leased.Count < max && !_disposed && _dm.TryLeaseMessage(now, leaseMs, out DirectMessage? message))
                {
                    leased.Add(message);
                }
            }

            return leased;
        }

        /// <summary>Confirms leased messages; returns how many were leased (the others were unknown, confirmed before, or had returned to the inbox).</summary>
        public int ConfirmDirectMessages(IReadOnlyList<DmRequestId> requestIds)
        {
            ArgumentNullException.ThrowIfNull(requestIds);
            int confirmed = 0;
            lock (_gate)
            {
                foreach (DmRequestId id in requestIds)
                {
                    if (!_disposed && _dm.ConfirmMessage(id))
                    {
                        confirmed++;
                    }
                }
            }

            return confirmed;
        }

        /// <summary>Completes when a received direct message is waiting (at once if one is).</summary>
        public Task WaitForDirectMessageAsync(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_disposed || _dm.InboxCount > 0)
                {
                    return Task.CompletedTask;
                }

                if (_dmArrival.Task.IsCompleted)
                {
                    _dmArrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                return _dmArrival.Task.WaitAsync(cancellationToken);
            }
        }

        /// <summary>The messenger of a node: its identity, fleet keys, the persisted outbox and inbox under the node directory and the allow list.</summary>
        private static bool TryCreateMessenger(string directory, NodeConfig config, NodeSecurity security, out DirectMessenger? messenger, out string error)
        {
            messenger = null;
            DmOptions options = config.Dm.ToOptions(Math.Min(config.MaxPayloadBytes, config.MaxDatagramBytes - WireFormat.HeaderLength - WireFormat.TrailerLength(security.WireMode)));
            // Keys of other nodes come from their fleet certificates; without a fleet only loopback has a key.
            IDmKeyDirectory keys = security.Admission != null ? new AdmissionKeyDirectory(security.Admission) : new DmKeyDirectory(1);
            IDmPolicy? policy = null;
            if (config.Dm.AllowFrom is { Count: > 0 } allowed)
            {
                var senders = new List<NodeId>();
                foreach (string text in allowed)
                {
                    if (NodeIds.TryParse(text, out NodeId id))
                    {
                        senders.Add(id); // validated with the configuration
                    }
                }

                policy = new AllowListPolicy(senders);
            }

            string outbox = NodeConfig.ResolvePath(directory, config.Dm.OutboxDirectory);
            string inbox = NodeConfig.ResolvePath(directory, config.Dm.InboxDirectory);
            string field = "dm.outboxDirectory: cannot use " + outbox;
            try
            {
                var outboxStore = new DirectoryOutboxStore(outbox, config.Dm.FlushToDisk);
                field = "dm.inboxDirectory: cannot use " + inbox;
                var inboxStore = new DirectoryOutboxStore(inbox, config.Dm.FlushToDisk, "inbox");
                messenger = new DirectMessenger(security.Identity, keys, options, outboxStore, policy, inboxStore);
                error = string.Empty;
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = field + ": " + e.Message;
                return false;
            }
        }

        /// <summary>At start: resume the persisted outbox, reload the persisted inbox and listen on this node's inbox topic.</summary>
        private void StartDirect(long now)
        {
            lock (_gate)
            {
                _dmInboxTopic = DmInboxTopic.IdFor(Id);
                _topicRefs.TryGetValue(_dmInboxTopic, out int refs);
                _topicRefs[_dmInboxTopic] = refs + 1; // held for the node's life: API unsubscribes never drop it
                _mesh?.Subscribe(_dmInboxTopic);
                DmRestoreResult restored = _dm.RestoreOutbox(now);
                if (restored.Resumed + restored.Expired > 0)
                {
                    Log.OutboxRestored(_log, restored.Resumed, restored.Expired);
                }

                foreach (string problem in restored.Problems)
                {
                    Log.OutboxProblem(_log, problem);
                }

                // Acknowledged but untaken before the restart: back in the inbox, remembered for dedupe.
                DmRestoreResult reloaded = _dm.RestoreInbox(now);
                if (reloaded.Resumed > 0)
                {
                    Log.InboxRestored(_log, reloaded.Resumed);
                }

                foreach (string problem in reloaded.Problems)
                {
                    Log.InboxProblem(_log, problem);
                }
            }
        }

        /// <summary>Route learning from one authenticated frame that <paramref name="neighbour"/> handed over.</summary>
        private void ObserveDirect(ref FrameHeader header, NodeId neighbour, long now)
        {
            _dm.ObserveFrame(header.Sender, header.Sequence, neighbour, header.HopCount, now);
        }

        /// <summary>A relayed frame (hop count above zero): only Direct and Ack frames travel this way.</summary>
        private void OnRelayedFrame(ref FrameHeader header, LinkAddress from, byte[] buffer, int offset, int length, long now)
        {
            NodeId neighbour = PeerAt(from);
            if ((header.Kind != FrameKind.Direct && header.Kind != FrameKind.Ack) || neighbour.IsEmpty)
            {
                Count(RuntimeCounter.UnsupportedKind);
                return;
            }

            ObserveDirect(ref header, neighbour, now);
            OnDirectFrame(ref header, neighbour, buffer, offset, length, now);
        }

        /// <summary>An authenticated Direct/Ack frame: to the messenger when it is for this node, else relayed.</summary>
        private void OnDirectFrame(ref FrameHeader header, NodeId neighbour, byte[] buffer, int offset, int length, long now)
        {
            if (header.Destination == Id.Value)
            {
                _dm.Receive(buffer.AsSpan(FrameCodec.PayloadOffset(offset), header.PayloadLength), DmPathKind.Direct, now);
                return;
            }

            if (header.HopCount >= header.HopLimit || header.HasFlag(FrameFlags.NoRelay))
            {
                CountDirect(DirectRuntimeCounter.RelayHopLimit);
                return;
            }

            if (!_dm.Routes.TryGetNextHop(new NodeId(header.Destination), now, out NodeId next, out _) || next == neighbour
                || !_peers.TryGet(next, out PeerEntry? peer) || peer!.Route == null)
            {
                CountDirect(DirectRuntimeCounter.RelayNoRoute);
                return;
            }

            // Forwarded unchanged but for the hop count, which the originator's signature leaves out (docs/wire-format.md §3).
            Array.Copy(buffer, offset, _scratch, 0, length);
            _scratch[3] = (byte)((_scratch[3] & 0xF0) | (header.HopCount + 1));
            SendFrame(peer.Route, _scratch.AsSpan(0, length));
            CountDirect(DirectRuntimeCounter.Relayed);
        }

        /// <summary>A verified Publish frame from the gossip layer: true (and handed to the messenger) when it is on this node's inbox topic.</summary>
        private bool TryReceiveInboxPublish(ref FrameHeader header, byte[] frame, long now)
        {
            if (header.Destination != _dmInboxTopic)
            {
                return false;
            }

            _dm.Receive(frame.AsSpan(FrameCodec.PayloadOffset(0), header.PayloadLength), DmPathKind.GossipInbox, now);
            return true;
        }

        /// <summary>The messenger's timers: attempt timeouts, backoff ends, expiries.</summary>
        private void TickDirect(long now)
        {
            if (_dm.NextDeadlineMs <= now)
            {
                _dm.Tick(now);
            }
        }

        /// <summary>Carries the messenger's outputs; true when it published on the gossip layer (whose queue then needs draining).</summary>
        private bool PumpDirect(long now)
        {
            bool published = false;
            while (_dm.TryDequeue(out DmTransmission transmission))
            {
                published |= SendTransmission(transmission, now);
            }

            while (_dm.TryTakeReceipt(out DmReceipt receipt))
            {
                _dmWaiters.Publish(receipt);
            }

            if (_dm.InboxCount > 0)
            {
                _dmArrival.TrySetResult();
            }

            return published;
        }

        /// <summary>Wraps one packet as docs/direct-messages.md §3.6 says and sends it; true when it went to the gossip layer.</summary>
        private bool SendTransmission(in DmTransmission transmission, long now)
        {
            bool fragment = transmission.Kind == DmPacketKind.Fragment;
            transmission.Packet.Span.CopyTo(_scratch.AsSpan(FrameCodec.PayloadOffset(0)));
            var header = new FrameHeader
            {
                Flags = fragment ? FrameFlags.PayloadEncrypted : (byte)0,
                Priority = transmission.Priority,
                HopLimit = WireFormat.MaxHops,
                PayloadType = PayloadType.Raw,
                PayloadLength = transmission.Packet.Length,
            };
            if (transmission.Path.Kind == DmPathKind.GossipInbox)
            {
                header.Kind = FrameKind.Publish;
                header.Destination = transmission.Path.Topic;
                if (_mesh == null || _security.SealPublish(ref header, _scratch, now, out int published) != FrameError.None
                    || _mesh.Publish(_scratch, 0, published, now) != FrameError.None)
                {
                    CountDirect(DirectRuntimeCounter.GossipRefused);
                    return false;
                }

                CountDirect(DirectRuntimeCounter.FramesSent);
                return true;
            }

            if (!_peers.TryGet(transmission.Path.NextHop, out PeerEntry? peer) || peer!.Route == null)
            {
                CountDirect(DirectRuntimeCounter.NextHopUnknown);
                return false;
            }

            header.Kind = fragment ? FrameKind.Direct : FrameKind.Ack;
            header.Destination = transmission.Destination.Value;
            if (_security.Seal(ref header, _scratch, now, out int length) != FrameError.None)
            {
                Count(RuntimeCounter.SealFailures);
                return false;
            }

            SendFrame(peer.Route, _scratch.AsSpan(0, length));
            CountDirect(DirectRuntimeCounter.FramesSent);
            return false;
        }

        /// <summary>The peer whose frames come from <paramref name="from"/>; empty when none does.</summary>
        private NodeId PeerAt(LinkAddress from)
        {
            foreach (PeerEntry peer in _peers.All)
            {
                if (from.Equals(peer.Address))
                {
                    return peer.Id;
                }
            }

            return default;
        }

        private void CountDirect(DirectRuntimeCounter counter)
        {
            _dmCounters[(int)counter]++;
        }

        /// <summary>The messenger's counters and the daemon's direct-message counters, by metric name.</summary>
        private void FillDirectCounters(Dictionary<string, long> into)
        {
            var pairs = new List<KeyValuePair<string, long>>();
            _dm.CopyCounters(pairs);
            foreach (KeyValuePair<string, long> pair in pairs)
            {
                into[pair.Key] = pair.Value;
            }

            into["dm_relayed"] = _dmCounters[(int)DirectRuntimeCounter.Relayed];
            into["dm_relay_no_route"] = _dmCounters[(int)DirectRuntimeCounter.RelayNoRoute];
            into["dm_relay_hop_limit"] = _dmCounters[(int)DirectRuntimeCounter.RelayHopLimit];
            into["dm_next_hop_unknown"] = _dmCounters[(int)DirectRuntimeCounter.NextHopUnknown];
            into["dm_gossip_refused"] = _dmCounters[(int)DirectRuntimeCounter.GossipRefused];
            into["dm_frames_sent"] = _dmCounters[(int)DirectRuntimeCounter.FramesSent];
            into["dm_receipt_waiters"] = _dmWaiters.Waiting;
        }
    }
}

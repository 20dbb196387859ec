using System;
using System.Collections.Generic;
using EdgeMesh.Security;
using EdgeMesh.State.Codec;
using EdgeMesh.State.Crdt;

namespace EdgeMesh.State.Sync
{
    /// <summary>
    /// Delta-state anti-entropy after Almeida, Shoker and Baquero, "Delta State Replicated Data
    /// Types", Algorithm 2 (docs/fleet-state.md §4). The replica numbers every delta that grew its
    /// state (local mutations and received deltas alike) in a bounded buffer and remembers, per
    /// neighbour, the sequence below which that neighbour acknowledged everything. A tick sends each
    /// neighbour the join of the buffered deltas it lacks, leaving out those it sent itself; when the
    /// buffer no longer reaches back that far, the replica sends its whole state unless the
    /// neighbour's last digest already equals its own. Deltas every neighbour acknowledged are
    /// discarded. Periodic digests catch any remaining divergence (a neighbour restarted from an
    /// older disk state): a receiver whose digest differs answers with its whole state.
    /// Sans-IO and single-threaded: the caller passes time and a sink.
    /// </summary>
    /// <typeparam name="T">The replicated CRDT.</typeparam>
    public sealed class DeltaReplicator<T>
        where T : class, IDeltaCrdt<T>
    {
        private readonly ReplicatorOptions _options;
        private readonly LinkedList<BufferedDelta> _buffer = new LinkedList<BufferedDelta>();
        private readonly Dictionary<ulong, PeerSync> _peers = new Dictionary<ulong, PeerSync>();
        private readonly StateWriter _writer = new StateWriter(1024);
        private readonly StateWriter _digestWriter = new StateWriter(1024);
        private readonly byte[] _digest = new byte[SyncMessage.DigestLength];
        private bool _digestValid;
        private List<ulong>? _idle;
        private ulong _sequence;
        private long _bufferedBytes;

        /// <summary>A replica of <paramref name="state"/> (its starting value, e.g. replayed from disk) at node <paramref name="self"/>.</summary>
        public DeltaReplicator(ulong self, T state, ReplicatorOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(state);
            _options = options ?? new ReplicatorOptions();
            _options.Validate();
            Self = self;
            State = state;
        }

        /// <summary>This node.</summary>
        public ulong Self { get; }

        /// <summary>The current state (read it; change it only through <see cref="Mutate"/>).</summary>
        public T State { get; }

        /// <summary>The next delta sequence number.</summary>
        public ulong Sequence => _sequence;

        /// <summary>Deltas buffered now.</summary>
        public int BufferedDeltas => _buffer.Count;

        /// <summary>Encoded bytes of the buffered deltas.</summary>
        public long BufferedBytes => _bufferedBytes;

        /// <summary>Neighbours tracked.</summary>
        public int PeerCount => _peers.Count;

        /// <summary>Counters.</summary>
        public ReplicatorCounters Counters { get; } = new ReplicatorCounters();

        /// <summary>Filters received deltas before they are merged; null admits everything.</summary>
        public DeltaAdmission<T>? Admission { get; set; }

        /// <summary>Called with every delta that grew the state (local or received), e.g. to persist it.</summary>
        public Action<T>? Applied { get; set; }

        /// <summary>The BLAKE2b-128 digest of the canonical encoding of <see cref="State"/>.</summary>
        public ReadOnlySpan<byte> Digest
        {
            get
            {
                if (!_digestValid)
                {
                    _digestWriter.Reset();
                    State.WriteTo(_digestWriter);
                    Blake2b.Hash(_digestWriter.Written, _digest);
                    _digestValid = true;
                }

                return _digest;
            }
        }

        /// <summary>Starts syncing with <paramref name="peer"/>; false when the table is full (counted).</summary>
        public bool AddPeer(ulong peer)
        {
            if (peer == Self)
            {
                return false;
            }

            if (_peers.TryGetValue(peer, out PeerSync? known))
            {
                known.Inbound = false;
                return true;
            }

            if (_peers.Count >= _options.MaxPeers)
            {
                Counters.PeersRefused++;
                return false;
            }

            _peers.Add(peer, new PeerSync());
            return true;
        }

        /// <summary>Stops syncing with <paramref name="peer"/> (its acknowledgements no longer hold the buffer).</summary>
        public void RemovePeer(ulong peer)
        {
            if (_peers.Remove(peer))
            {
                Collect();
            }
        }

        /// <summary>
        /// Sends to <paramref name="peer"/> at most once per <paramref name="minIntervalMs"/> (0: the
        /// default pacing): a slow neighbour stays in sync, only less often.
        /// </summary>
        public void SetPacing(ulong peer, long minIntervalMs)
        {
            if (_peers.TryGetValue(peer, out PeerSync? sync))
            {
                sync.PacingMs = Math.Max(0, minIntervalMs);
            }
        }

        /// <summary>True when <paramref name="peer"/> is tracked.</summary>
        public bool HasPeer(ulong peer)
        {
            return _peers.ContainsKey(peer);
        }

        /// <summary>The neighbours tracked now.</summary>
        public IReadOnlyCollection<ulong> Peers => _peers.Keys;

        /// <summary>The sequence below which <paramref name="peer"/> acknowledged everything (0 when unknown).</summary>
        public ulong AckedBy(ulong peer)
        {
            return _peers.TryGetValue(peer, out PeerSync? p) ? p.Acked : 0;
        }

        /// <summary>
        /// Applies a local change: <paramref name="mutator"/> runs one of the CRDT's delta mutators on
        /// <see cref="State"/> and returns its delta, which is buffered for the neighbours.
        /// </summary>
        public T Mutate(Func<T, T> mutator)
        {
            ArgumentNullException.ThrowIfNull(mutator);
            T delta = mutator(State);
            if (!delta.IsEmpty)
            {
                _digestValid = false;
                Buffer(delta, Self);
                Applied?.Invoke(delta);
            }

            return delta;
        }

        /// <summary>
        /// Merges a delta obtained without a neighbour (replayed from disk): the state grows and the
        /// delta is buffered like a received one, so neighbours get it too.
        /// </summary>
        public bool MergeLocal(T delta)
        {
            ArgumentNullException.ThrowIfNull(delta);
            if (!State.MergeFrom(delta))
            {
                return false;
            }

            _digestValid = false;
            Buffer(delta, Self);
            return true;
        }

        /// <summary>
        /// Tells the replica that <see cref="State"/> shrank outside the lattice (pruning): the digest
        /// is recomputed and buffered deltas, which may still hold what was pruned, are discarded, so
        /// neighbours fall back to digests instead of receiving the pruned entries again.
        /// </summary>
        public void Pruned()
        {
            _digestValid = false;
            Counters.BufferDrops += _buffer.Count;
            _buffer.Clear();
            _bufferedBytes = 0;
        }

        /// <summary>Handles one message from <paramref name="peer"/>; replies (acknowledgements) go to <paramref name="sink"/>.</summary>
        public StateError Receive(ulong peer, ReadOnlySpan<byte> message, long nowMs, ISyncSink sink)
        {
            ArgumentNullException.ThrowIfNull(sink);
            StateError error = SyncMessage.TryParse(message, out SyncMessageKind kind, out ulong sequence, out ulong baseSequence, out int body);
            T? received = null;
            if (error == StateError.None && (kind == SyncMessageKind.Delta || kind == SyncMessageKind.Full))
            {
                var reader = new StateReader(message.Slice(body));
                error = T.TryRead(ref reader, out received);
                if (error == StateError.None && reader.Remaining != 0)
                {
                    error = StateError.TrailingBytes;
                }
            }

            if (error != StateError.None)
            {
                Counters.DecodeErrors++;
                return error;
            }

            bool data = kind == SyncMessageKind.Delta || kind == SyncMessageKind.Full;
            if (!_peers.TryGetValue(peer, out PeerSync? sync))
            {
                // Only data opens a link from the other side (it was chosen there); digests and acks
                // from a peer that is not a neighbour are ignored, so a dropped link stays dropped.
                if (!data)
                {
                    return StateError.None;
                }

                if (!AddPeer(peer))
                {
                    // Table full: still take and acknowledge the data, so the sender stops resending it.
                    Counters.MessagesReceived++;
                    Absorb(peer, received!, nowMs);
                    SendDigest(sink, peer, SyncMessageKind.Ack, sequence, kind == SyncMessageKind.Full ? 0 : baseSequence);
                    return StateError.None;
                }

                sync = _peers[peer];
                sync.Inbound = true;
            }

            sync.LastHeardMs = nowMs;
            Counters.MessagesReceived++;
            switch (kind)
            {
                case SyncMessageKind.Delta:
                    Absorb(peer, received!, nowMs);
                    SendDigest(sink, peer, SyncMessageKind.Ack, sequence, baseSequence);
                    break;
                case SyncMessageKind.Full:
                    Absorb(peer, received!, nowMs);
                    SendDigest(sink, peer, SyncMessageKind.Ack, sequence, 0);

                    // The sender's whole state is now here; if this state is still different, the
                    // sender lacks something and gets this whole state back (once per backoff).
                    Span<byte> theirs = stackalloc byte[SyncMessage.DigestLength];
                    Blake2b.Hash(message.Slice(body), theirs);
                    theirs.CopyTo(sync.Digest);
                    sync.DigestKnown = true;
                    if (!Digest.SequenceEqual(theirs))
                    {
                        RequestFull(sync, nowMs);
                    }
                    else
                    {
                        sync.FullBackoffMs = 0;
                    }

                    break;
                case SyncMessageKind.Digest:
                    message.Slice(body, SyncMessage.DigestLength).CopyTo(sync.Digest);
                    sync.DigestKnown = true;
                    if (Digest.SequenceEqual(message.Slice(body, SyncMessage.DigestLength)))
                    {
                        sync.FullBackoffMs = 0;
                    }
                    else if (sync.Acked >= _sequence)
                    {
                        // The sender sends digests only once it has had all its deltas acknowledged
                        // here, and nothing is pending towards it: this side holds something it lacks.
                        RequestFull(sync, nowMs);
                    }

                    break;
                case SyncMessageKind.Ack:
                    message.Slice(body, SyncMessage.DigestLength).CopyTo(sync.Digest);
                    sync.DigestKnown = true;
                    if (baseSequence <= sync.Acked && sequence > sync.Acked && sequence <= _sequence)
                    {
                        sync.Acked = sequence;
                        Collect();
                    }

                    break;
            }

            return StateError.None;
        }

        /// <summary>Sends what each neighbour lacks, retransmits unacknowledged deltas and sends due digests.</summary>
        public void Tick(long nowMs, ISyncSink sink)
        {
            ArgumentNullException.ThrowIfNull(sink);
            foreach (KeyValuePair<ulong, PeerSync> entry in _peers)
            {
                ulong peer = entry.Key;
                PeerSync sync = entry.Value;
                if (sync.Inbound && nowMs - sync.LastHeardMs > _options.InboundIdleMs)
                {
                    // A link the other side opened and no longer uses.
                    (_idle ??= new List<ulong>()).Add(peer);
                    continue;
                }

                bool fresh = sync.SentUpTo < _sequence;
                long since = nowMs - sync.LastSentMs;
                if (since < sync.PacingMs)
                {
                    continue;
                }

                if (sync.NeedsFull && since >= _options.MinSendIntervalMs)
                {
                    sync.NeedsFull = false;
                    SendFull(sink, peer, sync, nowMs);
                    continue;
                }

                if (sync.Acked < _sequence && since >= _options.RetransmitMs)
                {
                    // Unacknowledged for a while: everything from the acknowledged point again.
                    SendMissing(sink, peer, sync, sync.Acked, nowMs);
                    continue;
                }

                if (fresh && since >= _options.MinSendIntervalMs)
                {
                    // Only what is new since the last send; the retransmission above covers losses.
                    SendMissing(sink, peer, sync, Math.Max(sync.Acked, sync.SentUpTo), nowMs);
                    continue;
                }

                if (sync.Acked >= _sequence && nowMs - sync.LastDigestMs >= _options.DigestIntervalMs)
                {
                    sync.LastDigestMs = nowMs;
                    SendDigest(sink, peer, SyncMessageKind.Digest, _sequence, _sequence);
                }
            }

            if (_idle != null && _idle.Count > 0)
            {
                foreach (ulong peer in _idle)
                {
                    _peers.Remove(peer);
                    Counters.InboundExpired++;
                }

                _idle.Clear();
                Collect();
            }
        }

        private void RequestFull(PeerSync sync, long nowMs)
        {
            // Replicas that keep different states on purpose (one refuses entries the other admits)
            // would otherwise trade whole states every digest interval: back off, doubling to 64 intervals.
            if (nowMs < sync.NextFullAllowedMs)
            {
                Counters.FullStatesDeferred++;
                return;
            }

            sync.NeedsFull = true;
            sync.FullBackoffMs = sync.FullBackoffMs == 0 ? _options.DigestIntervalMs : Math.Min(sync.FullBackoffMs * 2, _options.DigestIntervalMs * 64);
            sync.NextFullAllowedMs = nowMs + sync.FullBackoffMs;
        }

        private void SendMissing(ISyncSink sink, ulong peer, PeerSync sync, ulong from, long nowMs)
        {
            bool covered = _buffer.First != null && _buffer.First.Value.Sequence <= from;
            if (!covered)
            {
                if (from > sync.Acked)
                {
                    // The new deltas were discarded already; the retransmission sends the whole state.
                    sync.SentUpTo = _sequence;
                    return;
                }

                if (sync.DigestKnown && Digest.SequenceEqual(sync.Digest))
                {
                    // The neighbour already holds this very state: nothing to send.
                    sync.Acked = _sequence;
                    sync.SentUpTo = _sequence;
                    Collect();
                    return;
                }

                SendFull(sink, peer, sync, nowMs);
                return;
            }

            T? group = null;
            for (LinkedListNode<BufferedDelta>? node = _buffer.First; node != null; node = node.Next)
            {
                BufferedDelta d = node.Value;
                if (d.Sequence < from || d.Origin == peer)
                {
                    continue;
                }

                if (group == null)
                {
                    group = d.Delta.Clone();
                }
                else
                {
                    group.MergeFrom(d.Delta);
                }
            }

            if (group == null)
            {
                // Everything it lacks came from it: it has it.
                if (from == sync.Acked)
                {
                    sync.Acked = _sequence;
                    Collect();
                }

                sync.SentUpTo = _sequence;
                return;
            }

            _writer.Reset();
            SyncMessage.WriteHeader(_writer, SyncMessageKind.Delta, _sequence, from);
            group.WriteTo(_writer);
            Send(sink, peer, _writer.Written);
            Counters.DeltasSent++;
            sync.SentUpTo = _sequence;
            sync.LastSentMs = nowMs;
            sync.LastDigestMs = nowMs;
        }

        private void SendFull(ISyncSink sink, ulong peer, PeerSync sync, long nowMs)
        {
            _writer.Reset();
            SyncMessage.WriteHeader(_writer, SyncMessageKind.Full, _sequence);
            State.WriteTo(_writer);
            Send(sink, peer, _writer.Written);
            Counters.FullStatesSent++;
            sync.SentUpTo = _sequence;
            sync.LastSentMs = nowMs;
            sync.LastDigestMs = nowMs;
        }

        private void SendDigest(ISyncSink sink, ulong peer, SyncMessageKind kind, ulong sequence, ulong baseSequence)
        {
            _writer.Reset();
            SyncMessage.WriteDigest(_writer, kind, sequence, Digest, baseSequence);
            Send(sink, peer, _writer.Written);
            if (kind == SyncMessageKind.Ack)
            {
                Counters.AcksSent++;
            }
            else
            {
                Counters.DigestsSent++;
            }
        }

        private void Send(ISyncSink sink, ulong peer, ReadOnlySpan<byte> message)
        {
            Counters.BytesSent += message.Length;
            if (message.Length > _options.LargeMessageBytes)
            {
                Counters.LargeMessages++;
            }

            sink.Send(peer, message);
        }

        private void Absorb(ulong peer, T received, long nowMs)
        {
            T? admitted = Admission == null ? received : Admission(peer, received, nowMs);
            if (admitted == null)
            {
                Counters.Refused++;
                return;
            }

            if (!State.MergeFrom(admitted))
            {
                Counters.Redundant++;
                return;
            }

            Counters.Inflations++;
            _digestValid = false;
            Buffer(admitted, peer);
            Applied?.Invoke(admitted);
        }

        private void Buffer(T delta, ulong origin)
        {
            _writer.Reset();
            delta.WriteTo(_writer);
            int size = _writer.Length;
            ulong sequence = _sequence++;
            if (size > _options.MaxBufferedBytes)
            {
                // One delta larger than the whole buffer: keep nothing, so every neighbour falls back.
                Counters.BufferResets++;
                Counters.BufferDrops += _buffer.Count;
                _buffer.Clear();
                _bufferedBytes = 0;
                return;
            }

            _buffer.AddLast(new BufferedDelta(sequence, delta, origin, size));
            _bufferedBytes += size;
            while (_buffer.Count > _options.MaxBufferedDeltas || _bufferedBytes > _options.MaxBufferedBytes)
            {
                _bufferedBytes -= _buffer.First!.Value.Size;
                _buffer.RemoveFirst();
                Counters.BufferDrops++;
            }

            Collect();
        }

        private void Collect()
        {
            ulong floor = _sequence;
            foreach (PeerSync sync in _peers.Values)
            {
                floor = Math.Min(floor, sync.Acked);
            }

            while (_buffer.First != null && _buffer.First.Value.Sequence < floor)
            {
                _bufferedBytes -= _buffer.First.Value.Size;
                _buffer.RemoveFirst();
                Counters.BufferCollected++;
            }
        }

        private readonly struct BufferedDelta
        {
            internal BufferedDelta(ulong sequence, T delta, ulong origin, int size)
            {
                Sequence = sequence;
                Delta = delta;
                Origin = origin;
                Size = size;
            }

            internal ulong Sequence { get; }

            internal T Delta { get; }

            internal ulong Origin { get; }

            internal int Size { get; }
        }

        private sealed class PeerSync
        {
            internal ulong Acked;
            internal ulong SentUpTo;
            internal long LastSentMs = long.MinValue / 2;
            internal long LastDigestMs = long.MinValue / 2;
            internal bool NeedsFull;
            internal bool Inbound;
            internal long LastHeardMs;
            internal long PacingMs;
            internal long FullBackoffMs;
            internal long NextFullAllowedMs = long.MinValue / 2;
            internal bool DigestKnown;
            internal readonly byte[] Digest = new byte[SyncMessage.DigestLength];
        }
    }
}

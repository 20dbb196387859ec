using System;
using System.Collections.Generic;
using EdgeMesh.Security;
using EdgeMesh.Security.Admission;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Codec;
using EdgeMesh.State.Storage;
using EdgeMesh.State.Sync;

namespace EdgeMesh.State.Fleet
{
    /// <summary>
    /// One node's replica of the fleet state (docs/fleet-state.md §5–§7): the signed map, its
    /// anti-entropy with the neighbours, its store, its clock and the local liveness table. The
    /// daemon's hooks call this API (get, put, delete, watch, dump; presence; SWIM liveness), and
    /// carry its messages; it is sans-IO and single-threaded (the caller serialises calls and
    /// passes the time).
    /// </summary>
    public sealed class FleetStateReplica
    {
        private readonly FleetStateOptions _options;
        private readonly Ed25519KeyPair _signer;
        private readonly byte[] _certificate;
        private readonly FleetRoles _roles;
        private readonly IStateStore _store;
        private readonly HybridLogicalClock _clock;
        private readonly EntryVerifier _verifier;
        private readonly DeltaReplicator<SignedMap> _replicator;
        private readonly Queue<StateChange> _changes = new Queue<StateChange>();
        private readonly Dictionary<ulong, Liveness> _liveness = new Dictionary<ulong, Liveness>();
        private readonly StateWriter _writer = new StateWriter(1024);
        private long _nextPruneMs;
        private long _pruneCutoffMs;
        private bool _local;
        private SignedMap? _replaying;

        /// <summary>
        /// Opens the replica of node <paramref name="self"/>: replays <paramref name="store"/> (each
        /// record checked like network input) unless it is older than the pruning horizon.
        /// </summary>
        public FleetStateReplica(ulong self, Ed25519KeyPair signer, byte[] certificate, ReadOnlySpan<byte> fleetRootPublicKey, IStateStore store, long nowMs, FleetStateOptions? options = null)
        {
            ArgumentNullException.ThrowIfNull(signer);
            ArgumentNullException.ThrowIfNull(certificate);
            ArgumentNullException.ThrowIfNull(store);
            _options = options ?? new FleetStateOptions();
            _options.Validate();
            if (NodeCertificate.TryParse(certificate, out NodeCertificate cert) != AdmissionError.None || !cert.PublicKey.SequenceEqual(signer.PublicKey))
            {
                throw new ArgumentException("the certificate is not this node's", nameof(certificate));
            }

            Self = self;
            _signer = signer;
            _certificate = certificate;
            _roles = cert.Roles;
            _store = store;
            _clock = new HybridLogicalClock(self, _options.MaxClockDriftMs);
            _verifier = new EntryVerifier(fleetRootPublicKey, _options.Policy, _options.MaxClockDriftMs);
            SignedMap initial = Replay(nowMs);
            _replicator = new DeltaReplicator<SignedMap>(self, initial, _options.Replicator)
            {
                Admission = Admit,
                Applied = OnApplied,
            };
            _nextPruneMs = nowMs + _options.PruneIntervalMs;
        }

        /// <summary>This node.</summary>
        public ulong Self { get; }

        /// <summary>The replicated state (read only).</summary>
        public SignedMap State => _replicator.State;

        /// <summary>Anti-entropy counters.</summary>
        public ReplicatorCounters SyncCounters => _replicator.Counters;

        /// <summary>Verdicts on received entries.</summary>
        public EntryVerifier Verifier => _verifier;

        /// <summary>The anti-entropy replica (peers, acknowledgements).</summary>
        public DeltaReplicator<SignedMap> Replicator => _replicator;

        /// <summary>BLAKE2b-128 of the canonical state encoding.</summary>
        public ReadOnlySpan<byte> Digest => _replicator.Digest;

        /// <summary>Problems found when the store was replayed.</summary>
        public List<string> LoadProblems { get; } = new List<string>();

        /// <summary>Records replayed at start.</summary>
        public int RecordsReplayed { get; private set; }

        /// <summary>Entries in the store refused on replay (damaged or no longer valid).</summary>
        public long ReplayRefused { get; private set; }

        /// <summary>True when the store was older than the pruning horizon and was not replayed.</summary>
        public bool DiscardedStaleStore { get; private set; }

        /// <summary>Appends the store refused (the state still changed in memory; counted).</summary>
        public long StoreFailures { get; private set; }

        /// <summary>Changes dropped because no watcher drained the queue.</summary>
        public long ChangesDropped { get; private set; }

        /// <summary>Liveness readings not kept because the table was full.</summary>
        public long LivenessDropped { get; private set; }

        /// <summary>Entries refused for being older than the last pruning cut-off (they could revive pruned keys).</summary>
        public long StaleRefused { get; private set; }

        /// <summary>Keys dropped by pruning.</summary>
        public long Pruned { get; private set; }

        /// <summary>Writes <paramref name="value"/> under <paramref name="key"/>.</summary>
        public PutResult Put(string key, byte[] value, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(value);
            return Write(key, value, nowMs);
        }

        /// <summary>Removes <paramref name="key"/> (a signed removal entry).</summary>
        public PutResult Delete(string key, long nowMs)
        {
            return Write(key, null, nowMs);
        }

        /// <summary>The live values of <paramref name="key"/>: none, one, or several after concurrent writes (a conflict).</summary>
        public IReadOnlyList<SignedEntry> Get(string key)
        {
            var values = new List<SignedEntry>();
            foreach (SignedEntry e in State.Live(key))
            {
                if (!e.IsTombstone)
                {
                    values.Add(e);
                }
            }

            return values;
        }

        /// <summary>Keys with a live value starting with <paramref name="prefix"/>, in ordinal order.</summary>
        public IReadOnlyList<string> Keys(string prefix)
        {
            var keys = new List<string>();
            foreach (string key in State.Keys)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && Get(key).Count > 0)
                {
                    keys.Add(key);
                }
            }

            return keys;
        }

        /// <summary>Publishes this node's presence record when it differs from the stored one or is due for a refresh.</summary>
        public PutResult PublishPresence(PresenceInfo info, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(info);
            string key = KeyPolicy.PresenceKey(Self);
            SignedEntry? mine = State.EntryOf(key, Self);
            byte[] value = info.Encode();
            if (mine != null && mine.Value != null && mine.Value.AsSpan().SequenceEqual(value) && nowMs - mine.Timestamp.WallMs < _options.PruneHorizonMs / 4)
            {
                return PutResult.Accepted;
            }

            return Write(key, value, nowMs);
        }

        /// <summary>Records what SWIM or a heartbeat said about <paramref name="node"/> (local only).</summary>
        public void ObserveLiveness(ulong node, bool alive, long lastHeardMs)
        {
            if (!_liveness.ContainsKey(node) && _liveness.Count >= _options.LivenessCapacity)
            {
                LivenessDropped++;
                return;
            }

            _liveness[node] = new Liveness(alive, lastHeardMs);
        }

        /// <summary>The local liveness reading of <paramref name="node"/>; false when none.</summary>
        public bool TryGetLiveness(ulong node, out Liveness liveness)
        {
            return _liveness.TryGetValue(node, out liveness);
        }

        /// <summary>Every node with a presence record: its record and the local liveness reading.</summary>
        public IReadOnlyList<(ulong Node, PresenceInfo Info, Liveness Liveness)> Presence()
        {
            var list = new List<(ulong, PresenceInfo, Liveness)>();
            foreach (string key in Keys(KeyPolicy.PresencePrefix))
            {
                foreach (SignedEntry e in Get(key))
                {
                    if (PresenceInfo.TryDecode(e.Value, out PresenceInfo? info) == StateError.None)
                    {
                        _liveness.TryGetValue(e.Author, out Liveness l);
                        list.Add((e.Author, info!, l));
                    }
                }
            }

            return list;
        }

        /// <summary>The next change for watchers; false when none is queued.</summary>
        public bool TryDequeueChange(out StateChange change)
        {
            return _changes.TryDequeue(out change);
        }

        /// <summary>Starts anti-entropy with <paramref name="peer"/>.</summary>
        public bool AddPeer(ulong peer) => _replicator.AddPeer(peer);

        /// <summary>Stops anti-entropy with <paramref name="peer"/>.</summary>
        public void RemovePeer(ulong peer) => _replicator.RemovePeer(peer);

        /// <summary>Handles an anti-entropy message from <paramref name="peer"/>.</summary>
        public StateError Receive(ulong peer, ReadOnlySpan<byte> message, long nowMs, ISyncSink sink)
        {
            return _replicator.Receive(peer, message, nowMs, sink);
        }

        /// <summary>Sends due anti-entropy messages, prunes and compacts when due.</summary>
        public void Tick(long nowMs, ISyncSink sink)
        {
            _replicator.Tick(nowMs, sink);
            if (nowMs >= _nextPruneMs)
            {
                _nextPruneMs = nowMs + _options.PruneIntervalMs;
                Prune(nowMs);
            }

            if (_store.LogBytes > _options.CompactLogBytes)
            {
                Compact();
            }
        }

        /// <summary>
        /// Drops keys whose live entries are all removals older than the horizon, and presence
        /// records older than the horizon of nodes not alive here; returns how many keys.
        /// </summary>
        public int Prune(long nowMs)
        {
            long cutoff = nowMs - _options.PruneHorizonMs;
            int dropped = State.Prune(cutoff, key => key.StartsWith(KeyPolicy.PresencePrefix, StringComparison.Ordinal) && !IsAliveKey(key));
            if (dropped > 0)
            {
                _pruneCutoffMs = Math.Max(_pruneCutoffMs, cutoff);
                Pruned += dropped;
                _replicator.Pruned();
                Compact();
            }

            return dropped;
        }

        /// <summary>Writes the whole state as the store's snapshot and empties its log.</summary>
        public void Compact()
        {
            _writer.Reset();
            State.WriteTo(_writer);
            if (!_store.TryCompact(_writer.Written, out string error))
            {
                StoreFailures++;
                LoadProblems.Add(error);
            }
        }

        private bool IsAliveKey(string key)
        {
            ulong node;
            try
            {
                node = Convert.ToUInt64(key.Substring(KeyPolicy.PresencePrefix.Length), 16);
            }
            catch (Exception ex) when (ex is FormatException || ex is OverflowException || ex is ArgumentException)
            {
                return false;
            }

            return node == Self || (_liveness.TryGetValue(node, out Liveness l) && l.Alive);
        }

        private PutResult Write(string key, byte[]? value, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(key);
            if (System.Text.Encoding.UTF8.GetByteCount(key) > StateLimits.MaxKeyBytes || (value != null && value.Length > StateLimits.MaxValueBytes))
            {
                return PutResult.TooLarge;
            }

            EntryVerdict verdict = _options.Policy.Check(key, Self, _roles);
            if (verdict != EntryVerdict.Accepted)
            {
                return verdict == EntryVerdict.KeyNotAllowed ? PutResult.KeyNotAllowed : PutResult.RoleNotAllowed;
            }

            List<HybridTimestamp> supersedes = State.SupersedesFor(key, Self);
            if (supersedes.Count > SignedEntry.MaxSupersedes)
            {
                return PutResult.TooManyAuthors;
            }

            HybridTimestamp ts = _clock.Now(nowMs);
            SignedEntry entry = SignedEntry.Create(key, value == null ? null : (byte[])value.Clone(), ts, supersedes, _signer);
            SignedMap delta = SignedMap.Single(entry, _certificate);
            long failures = StoreFailures;
            _local = true;
            _replicator.Mutate(s =>
            {
                s.MergeFrom(delta);
                return delta;
            });
            _local = false;
            return StoreFailures > failures ? PutResult.StoreFailed : PutResult.Accepted;
        }

        private SignedMap? Admit(ulong peer, SignedMap received, long nowMs)
        {
            return Filter(received, nowMs, countStale: true);
        }

        private SignedMap? Filter(SignedMap received, long nowMs, bool countStale)
        {
            SignedMap state = _replicator?.State ?? _replaying!;
            SignedMap admitted = SignedMap.CreateEmpty();
            var usable = new Dictionary<ulong, byte[]>();
            bool refused = false;
            foreach (KeyValuePair<ulong, byte[]> cert in received.Certificates)
            {
                EntryVerdict v = _verifier.CheckCertificate(cert.Key, cert.Value, nowMs);
                if (v == EntryVerdict.Accepted)
                {
                    usable[cert.Key] = cert.Value;
                }
                else
                {
                    _verifier.CountRefusal(v);
                }
            }

            foreach (SortedDictionary<ulong, SignedEntry> byAuthor in received.Entries.Values)
            {
                foreach (SignedEntry entry in byAuthor.Values)
                {
                    if (!state.WouldAccept(entry))
                    {
                        continue;
                    }

                    if (entry.Timestamp.WallMs < _pruneCutoffMs && state.EntryOf(entry.Key, entry.Author) == null)
                    {
                        // Older than what was pruned here and new to this key: it may be a removed write.
                        if (countStale)
                        {
                            StaleRefused++;
                        }

                        refused = true;
                        continue;
                    }

                    byte[]? cert = usable.TryGetValue(entry.Author, out byte[]? c) ? c : state.CertificateOf(entry.Author);
                    if (_verifier.Verify(entry, cert, nowMs) != EntryVerdict.Accepted)
                    {
                        refused = true;
                        continue;
                    }

                    admitted.AddEntry(entry);
                    if (state.WouldAcceptCertificate(entry.Author, cert!))
                    {
                        admitted.AddCertificate(entry.Author, cert!);
                    }

                    _clock.Observe(entry.Timestamp, nowMs);
                }
            }

            foreach (KeyValuePair<ulong, byte[]> cert in usable)
            {
                // A renewed certificate of an author whose entries are already here.
                if (state.CertificateOf(cert.Key) != null && state.WouldAcceptCertificate(cert.Key, cert.Value))
                {
                    admitted.AddCertificate(cert.Key, cert.Value);
                }
            }

            // Nothing new is not a refusal: an empty map merges as redundant.
            return admitted.IsEmpty && refused ? null : admitted;
        }

        private SignedMap Replay(long nowMs)
        {
            var problems = new List<string>();
            IReadOnlyList<byte[]> records = _store.Load(problems);
            LoadProblems.AddRange(problems);
            var state = SignedMap.CreateEmpty();
            _replaying = state;
            var decoded = new List<SignedMap>();
            long latest = 0;
            foreach (byte[] record in records)
            {
                var reader = new StateReader(record);
                if (SignedMap.TryRead(ref reader, out SignedMap? map) != StateError.None || reader.Remaining != 0)
                {
                    ReplayRefused++;
                    LoadProblems.Add("a stored record does not decode; skipped");
                    continue;
                }

                decoded.Add(map!);
                foreach (SortedDictionary<ulong, SignedEntry> byAuthor in map!.Entries.Values)
                {
                    foreach (SignedEntry e in byAuthor.Values)
                    {
                        latest = Math.Max(latest, e.Timestamp.WallMs);
                    }
                }
            }

            if (decoded.Count > 0 && latest < nowMs - _options.PruneHorizonMs)
            {
                // Others may have pruned removals this store still lacks: replaying it could revive them.
                DiscardedStaleStore = true;
                LoadProblems.Add("the stored state is older than the pruning horizon; starting empty");
                _replaying = null;
                return state;
            }

            foreach (SignedMap map in decoded)
            {
                long before = Refusals();
                SignedMap? admitted = Filter(map, nowMs, countStale: false);
                if (admitted != null)
                {
                    state.MergeFrom(admitted);
                }

                RecordsReplayed++;
                ReplayRefused += Refusals() - before;
            }

            // Own entries were signed here: never issue an older timestamp than one on disk.
            foreach (SortedDictionary<ulong, SignedEntry> byAuthor in state.Entries.Values)
            {
                if (byAuthor.TryGetValue(Self, out SignedEntry? own))
                {
                    _clock.Restore(own.Timestamp);
                }
            }

            if (decoded.Count > 0)
            {
                _pruneCutoffMs = latest - _options.PruneHorizonMs;
            }

            _replaying = null;
            return state;
        }

        private long Refusals()
        {
            long n = 0;
            for (var v = EntryVerdict.NoCertificate; v <= EntryVerdict.BadTimestamp; v++)
            {
                n += _verifier.Count(v);
            }

            return n;
        }

        private void OnApplied(SignedMap delta)
        {
            _writer.Reset();
            delta.WriteTo(_writer);
            if (!_store.TryAppend(_writer.Written, out string error))
            {
                StoreFailures++;
                LoadProblems.Add(error);
            }

            foreach (SortedDictionary<ulong, SignedEntry> byAuthor in delta.Entries.Values)
            {
                foreach (SignedEntry e in byAuthor.Values)
                {
                    if (_changes.Count >= _options.ChangeQueueCapacity)
                    {
                        _changes.Dequeue();
                        ChangesDropped++;
                    }

                    _changes.Enqueue(new StateChange(e.Key, e.Author, e.IsTombstone, _local));
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;

namespace EdgeMesh.State.Peers
{
    /// <summary>
    /// Chooses a node's sync peers besides its gossip neighbours (docs/fleet-state.md §8): a capped
    /// number of supplementary links to peers drawn uniformly at random among those heard from
    /// recently (never the first ones of a list), reconciled periodically: a dead or silent peer's
    /// link is dropped and replaced; a slow peer (high round-trip time) keeps its link but is paced.
    /// Until the node has completed its first sync, one link goes to a rendezvous node if one is
    /// alive. Sans-IO: liveness, round trips and rendezvous flags come in; a plan comes out.
    /// </summary>
    public sealed class SyncPeerSelector
    {
        private readonly SyncPeerOptions _options;
        private readonly Random _random;
        private readonly Dictionary<ulong, Candidate> _candidates = new Dictionary<ulong, Candidate>();
        private readonly HashSet<ulong> _neighbours = new HashSet<ulong>();
        private readonly HashSet<ulong> _links = new HashSet<ulong>();
        private readonly List<ulong> _pool = new List<ulong>();
        private readonly SyncPeerPlan _plan = new SyncPeerPlan();
        private long _nextReconcileMs;

        /// <summary>A selector for node <paramref name="self"/>; <paramref name="seed"/> seeds its random choices.</summary>
        public SyncPeerSelector(ulong self, SyncPeerOptions? options, int seed)
        {
            _options = options ?? new SyncPeerOptions();
            _options.Validate();
            Self = self;
            _random = new Random(seed);
        }

        /// <summary>This node.</summary>
        public ulong Self { get; }

        /// <summary>Supplementary links now.</summary>
        public IReadOnlyCollection<ulong> Links => _links;

        /// <summary>True once the node completed a first sync (then rendezvous nodes are ordinary candidates).</summary>
        public bool Synced { get; set; }

        /// <summary>Candidates not tracked because the table was full.</summary>
        public long CandidatesDropped { get; private set; }

        /// <summary>Links dropped because their peer died or went silent.</summary>
        public long LinksDropped { get; private set; }

        /// <summary>Replaces the set of gossip neighbours (they are synced with anyway, never chosen as supplementary).</summary>
        public void SetNeighbours(IEnumerable<ulong> neighbours)
        {
            ArgumentNullException.ThrowIfNull(neighbours);
            _neighbours.Clear();
            _neighbours.UnionWith(neighbours);
        }

        /// <summary>Something was heard from <paramref name="peer"/> at <paramref name="nowMs"/>; <paramref name="rendezvous"/>, when given, says whether it is a rendezvous node.</summary>
        public void ObserveAlive(ulong peer, long nowMs, bool? rendezvous = null)
        {
            if (peer == Self)
            {
                return;
            }

            if (!_candidates.TryGetValue(peer, out Candidate? c))
            {
                if (_candidates.Count >= _options.MaxCandidates)
                {
                    CandidatesDropped++;
                    return;
                }

                c = new Candidate();
                _candidates.Add(peer, c);
            }

            c.LastHeardMs = Math.Max(c.LastHeardMs, nowMs);
            c.Dead = false;
            c.Rendezvous = rendezvous ?? c.Rendezvous;
        }

        /// <summary>The membership layer declared <paramref name="peer"/> dead.</summary>
        public void ObserveDead(ulong peer)
        {
            if (_candidates.TryGetValue(peer, out Candidate? c))
            {
                c.Dead = true;
            }
        }

        /// <summary>A round-trip sample to <paramref name="peer"/> (e.g. delta to acknowledgement), smoothed with weight 1/8.</summary>
        public void ObserveRoundTrip(ulong peer, long roundTripMs)
        {
            if (_candidates.TryGetValue(peer, out Candidate? c))
            {
                c.SmoothedRttMs = c.SmoothedRttMs == 0 ? roundTripMs : c.SmoothedRttMs + ((roundTripMs - c.SmoothedRttMs) / 8);
            }
        }

        /// <summary>Reconciles when due; null when not due, else the plan (valid until the next call).</summary>
        public SyncPeerPlan? Reconcile(long nowMs)
        {
            if (nowMs < _nextReconcileMs)
            {
                return null;
            }

            _nextReconcileMs = nowMs + _options.ReconcileIntervalMs;
            _plan.Clear();
            var drop = new List<ulong>();
            foreach (ulong peer in _links)
            {
                if (!IsRecentlyAlive(peer, nowMs) || _neighbours.Contains(peer))
                {
                    drop.Add(peer);
                }
            }

            foreach (ulong peer in drop)
            {
                _links.Remove(peer);
                _plan.Remove.Add(peer);
                if (!_neighbours.Contains(peer))
                {
                    LinksDropped++;
                }
            }

            if (!Synced && !HasRendezvousLink(nowMs))
            {
                ulong rendezvous = Draw(nowMs, onlyRendezvous: true);
                if (rendezvous != 0)
                {
                    if (_links.Count >= _options.MaxSupplementary && _links.Count > 0)
                    {
                        // Make room: the first sync goes through a rendezvous node.
                        ulong victim = PickLink();
                        _links.Remove(victim);
                        _plan.Remove.Add(victim);
                    }

                    Link(rendezvous);
                }
            }

            while (_links.Count < _options.MaxSupplementary)
            {
                ulong peer = Draw(nowMs, onlyRendezvous: false);
                if (peer == 0)
                {
                    break;
                }

                Link(peer);
            }

            foreach (ulong peer in _links)
            {
                Candidate c = _candidates[peer];
                _plan.Pacing.Add((peer, c.SmoothedRttMs > _options.SlowRoundTripMs ? _options.SlowPacingMs : 0));
            }

            return _plan;
        }

        private void Link(ulong peer)
        {
            _links.Add(peer);
            _plan.Add.Add(peer);
        }

        private ulong PickLink()
        {
            int index = _random.Next(_links.Count);
            foreach (ulong peer in _links)
            {
                if (index-- == 0)
                {
                    return peer;
                }
            }

            return 0;
        }

        private bool HasRendezvousLink(long nowMs)
        {
            foreach (ulong peer in _links)
            {
                if (_candidates.TryGetValue(peer, out Candidate? c) && c.Rendezvous && IsRecentlyAlive(peer, nowMs))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A uniformly random eligible candidate, or 0.</summary>
        private ulong Draw(long nowMs, bool onlyRendezvous)
        {
            _pool.Clear();
            foreach (KeyValuePair<ulong, Candidate> entry in _candidates)
            {
                if ((!onlyRendezvous || entry.Value.Rendezvous) && !_links.Contains(entry.Key) && !_neighbours.Contains(entry.Key) && IsRecentlyAlive(entry.Key, nowMs))
                {
                    _pool.Add(entry.Key);
                }
            }

            // Dictionary order is insertion order: sort first so the draw depends only on the seed.
            _pool.Sort();
            return _pool.Count == 0 ? 0 : _pool[_random.Next(_pool.Count)];
        }

        private bool IsRecentlyAlive(ulong peer, long nowMs)
        {
            return _candidates.TryGetValue(peer, out Candidate? c) && !c.Dead && nowMs - c.LastHeardMs <= _options.RecentlyAliveMs;
        }

        private sealed class Candidate
        {
            internal long LastHeardMs = long.MinValue / 2;
            internal long SmoothedRttMs;
            internal bool Dead;
            internal bool Rendezvous;
        }
    }
}

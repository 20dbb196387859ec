using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// Authenticated peers by id. Bounded: when full, the peer heard from least recently is forgotten
    /// (counted in <see cref="Evictions"/>); it is learnt again from its next beacon. Not thread-safe.
    /// </summary>
    internal sealed class PeerTable
    {
        private readonly Dictionary<ulong, PeerEntry> _peers = new();
        private readonly int _capacity;

        internal PeerTable(int capacity)
        {
            System.ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            _capacity = capacity;
        }

        internal int Count => _peers.Count;

        internal long Evictions { get; private set; }

        internal IEnumerable<PeerEntry> All => _peers.Values;

        internal bool TryGet(NodeId id, out PeerEntry? peer)
        {
            return _peers.TryGetValue(id.Value, out peer);
        }

        /// <summary>Forgets <paramref name="id"/> (a revoked node); false when it was not known.</summary>
        internal bool Remove(NodeId id)
        {
            return _peers.Remove(id.Value);
        }

        /// <summary>The entry for <paramref name="id"/>, created if new (<paramref name="created"/>).</summary>
        internal PeerEntry GetOrAdd(NodeId id, long nowMs, out bool created)
        {
            if (_peers.TryGetValue(id.Value, out PeerEntry? peer))
            {
                created = false;
                return peer;
            }

            if (_peers.Count >= _capacity)
            {
                PeerEntry? oldest = null;
                foreach (PeerEntry candidate in _peers.Values)
                {
                    if (oldest == null || candidate.LastHeardMs < oldest.LastHeardMs)
                    {
                        oldest = candidate;
                    }
                }

                _peers.Remove(oldest!.Id.Value);
                Evictions++;
            }

            peer = new PeerEntry(id, nowMs);
            _peers.Add(id.Value, peer);
            created = true;
            return peer;
        }
    }
}

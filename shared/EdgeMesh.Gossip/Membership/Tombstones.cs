using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// Nodes declared dead, with the incarnation they died at. A tombstone keeps the node out of the
    /// views (so a SHUFFLE cannot bring it back) until it expires or the node proves to be alive
    /// with a newer incarnation. Bounded: the oldest tombstone is evicted first, and counted.
    /// </summary>
    internal sealed class Tombstones
    {
        private readonly Dictionary<ulong, Entry> entries = new Dictionary<ulong, Entry>();
        private readonly int capacity;
        private readonly long ttlMs;
        private long order;

        internal Tombstones(int capacity, long ttlMs)
        {
            this.capacity = capacity;
            this.ttlMs = ttlMs;
        }

        internal int Count
        {
            get { return entries.Count; }
        }

        internal bool TryGet(NodeId id, out uint incarnation)
        {
            if (entries.TryGetValue(id.Value, out Entry entry))
            {
                incarnation = entry.Incarnation;
                return true;
            }

            incarnation = 0;
            return false;
        }

        /// <summary>Adds or raises a tombstone; true when an older tombstone had to be evicted.</summary>
        internal bool Add(NodeId id, uint incarnation, long now)
        {
            if (entries.TryGetValue(id.Value, out Entry existing))
            {
                if (incarnation > existing.Incarnation)
                {
                    existing.Incarnation = incarnation;
                }

                existing.ExpiresMs = now + ttlMs;
                entries[id.Value] = existing;
                return false;
            }

            bool evicted = false;
            if (entries.Count >= capacity)
            {
                ulong oldestKey = 0;
                long oldest = long.MaxValue;
                foreach (KeyValuePair<ulong, Entry> pair in entries)
                {
                    if (pair.Value.Order < oldest)
                    {
                        oldest = pair.Value.Order;
                        oldestKey = pair.Key;
                    }
                }

                entries.Remove(oldestKey);
                evicted = true;
            }

            entries.Add(id.Value, new Entry { Incarnation = incarnation, ExpiresMs = now + ttlMs, LastNoticeMs = long.MinValue, Order = order++ });
            return evicted;
        }

        internal bool Remove(NodeId id)
        {
            return entries.Remove(id.Value);
        }

        /// <summary>True when a "you are dead" notice to <paramref name="id"/> is allowed now (and records it).</summary>
        internal bool TryNotice(NodeId id, long now, long minIntervalMs)
        {
            if (!entries.TryGetValue(id.Value, out Entry entry) || (entry.LastNoticeMs != long.MinValue && now - entry.LastNoticeMs < minIntervalMs))
            {
                return false;
            }

            entry.LastNoticeMs = now;
            entries[id.Value] = entry;
            return true;
        }

        /// <summary>Drops expired tombstones, then returns a random remaining one (or an empty id).</summary>
        internal NodeId ExpireAndPick(long now, IRandomSource random)
        {
            List<ulong>? expired = null;
            foreach (KeyValuePair<ulong, Entry> pair in entries)
            {
                if (pair.Value.ExpiresMs <= now)
                {
                    expired ??= new List<ulong>();
                    expired.Add(pair.Key);
                }
            }

            if (expired != null)
            {
                foreach (ulong key in expired)
                {
                    entries.Remove(key);
                }
            }

            if (entries.Count == 0)
            {
                return default(NodeId);
            }

            int pick = random.Next(entries.Count);
            foreach (KeyValuePair<ulong, Entry> pair in entries)
            {
                if (pick-- == 0)
                {
                    return new NodeId(pair.Key);
                }
            }

            return default(NodeId);
        }

        private struct Entry
        {
            public uint Incarnation;
            public long ExpiresMs;
            public long LastNoticeMs;
            public long Order;
        }
    }
}

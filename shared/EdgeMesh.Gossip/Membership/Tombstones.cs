using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// Nodes declared dead, with the incarnation they died at. A tombstone keeps the node out of the
    /// views (so a SHUFFLE cannot bring it back) until it expires or the node proves to be alive
    /// with a newer incarnation. Bounded: the least recently refreshed tombstone is evicted first,
    /// and counted. Kept in refresh order, so eviction and expiry cost O(1) per entry.
    /// </summary>
    internal sealed class Tombstones
    {
        private readonly Dictionary<ulong, LinkedListNode<Entry>> index = new Dictionary<ulong, LinkedListNode<Entry>>();
        private readonly LinkedList<Entry> order = new LinkedList<Entry>();
        private readonly int capacity;
        private readonly long ttlMs;

        internal Tombstones(int capacity, long ttlMs)
        {
            this.capacity = capacity;
            this.ttlMs = ttlMs;
        }

        internal int Count
        {
            get { return index.Count; }
        }

        internal bool TryGet(NodeId id, out uint incarnation)
        {
            if (index.TryGetValue(id.Value, out LinkedListNode<Entry>? node))
            {
                incarnation = node.Value.Incarnation;
                return true;
            }

            incarnation = 0;
            return false;
        }

        /// <summary>Adds or refreshes (raising the incarnation) a tombstone; true when an older tombstone had to be evicted.</summary>
        internal bool Add(NodeId id, uint incarnation, long now)
        {
            if (index.TryGetValue(id.Value, out LinkedListNode<Entry>? existing))
            {
                Entry e = existing.Value;
                if (incarnation > e.Incarnation)
                {
                    e.Incarnation = incarnation;
                }

                e.ExpiresMs = now + ttlMs;
                existing.Value = e;
                order.Remove(existing);
                order.AddLast(existing);
                return false;
            }

            bool evicted = false;
            if (index.Count >= capacity)
            {
                index.Remove(order.First!.Value.Id);
                order.RemoveFirst();
                evicted = true;
            }

            index.Add(id.Value, order.AddLast(new Entry { Id = id.Value, Incarnation = incarnation, ExpiresMs = now + ttlMs, LastNoticeMs = long.MinValue }));
            return evicted;
        }

        internal bool Remove(NodeId id)
        {
            if (!index.Remove(id.Value, out LinkedListNode<Entry>? node))
            {
                return false;
            }

            order.Remove(node);
            return true;
        }

        /// <summary>True when a "you are dead" notice to <paramref name="id"/> is allowed now (and records it).</summary>
        internal bool TryNotice(NodeId id, long now, long minIntervalMs)
        {
            if (!index.TryGetValue(id.Value, out LinkedListNode<Entry>? node)
                || (node.Value.LastNoticeMs != long.MinValue && now - node.Value.LastNoticeMs < minIntervalMs))
            {
                return false;
            }

            Entry e = node.Value;
            e.LastNoticeMs = now;
            node.Value = e;
            return true;
        }

        /// <summary>Drops expired tombstones, then returns a random remaining one (or an empty id).</summary>
        internal NodeId ExpireAndPick(long now, IRandomSource random)
        {
            while (order.First != null && order.First.Value.ExpiresMs <= now)
            {
                index.Remove(order.First.Value.Id);
                order.RemoveFirst();
            }

            if (order.Count == 0)
            {
                return default(NodeId);
            }

            int pick = random.Next(order.Count);
            LinkedListNode<Entry>? node = order.First;
            while (pick-- > 0)
            {
                node = node!.Next;
            }

            return new NodeId(node!.Value.Id);
        }

        private struct Entry
        {
            public ulong Id;
            public uint Incarnation;
            public long ExpiresMs;
            public long LastNoticeMs;
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// Ids of the broadcasts a node has received (duplicate suppression, at most
    /// <see cref="GossipOptions.SeenCapacity"/>) and the bytes of the most recent ones (to answer
    /// GRAFTs, at most <see cref="GossipOptions.MessageCacheCapacity"/>). Both forget the oldest first
    /// and count it.
    /// </summary>
    internal sealed class MessageStore
    {
        private readonly Dictionary<MessageId, Entry> entries = new Dictionary<MessageId, Entry>();
        private readonly FifoRing<MessageId> seen;
        private readonly FifoRing<MessageId> cached;
        private readonly GossipCounters counters;

        internal MessageStore(int seenCapacity, int cacheCapacity, GossipCounters counters)
        {
            seen = new FifoRing<MessageId>(seenCapacity);
            cached = new FifoRing<MessageId>(cacheCapacity);
            this.counters = counters;
        }

        internal bool Contains(MessageId id)
        {
            return entries.ContainsKey(id);
        }

        internal bool TryGet(MessageId id, out Entry entry)
        {
            return entries.TryGetValue(id, out entry);
        }

        /// <summary>Remembers a new message and keeps its frame (the store takes ownership of <paramref name="frame"/>).</summary>
        internal void Add(MessageId id, ulong topic, int round, Priority priority, NodeId receivedFrom, byte[] frame, long now)
        {
            if (seen.IsFull)
            {
                entries.Remove(seen.Dequeue());
                counters.SeenEvictions++;
            }

            seen.Enqueue(id);
            if (cached.IsFull)
            {
                MessageId old = cached.Dequeue();
                if (entries.TryGetValue(old, out Entry stale))
                {
                    stale.Frame = null;
                    entries[old] = stale;
                }

                counters.CacheEvictions++;
            }

            cached.Enqueue(id);
            entries[id] = new Entry { Topic = topic, Round = round, Priority = priority, ReceivedFrom = receivedFrom, Frame = frame, Optimized = false, ReceivedMs = now };
        }

        /// <summary>The most recently cached messages, newest first, at most <paramref name="max"/>.</summary>
        internal IEnumerable<KeyValuePair<MessageId, Entry>> Recent(int max)
        {
            int n = Math.Min(max, cached.Count);
            for (int i = 0; i < n; i++)
            {
                MessageId id = cached.FromNewest(i);
                if (entries.TryGetValue(id, out Entry entry))
                {
                    yield return new KeyValuePair<MessageId, Entry>(id, entry);
                }
            }
        }

        internal void MarkOptimized(MessageId id)
        {
            if (entries.TryGetValue(id, out Entry entry))
            {
                entry.Optimized = true;
                entries[id] = entry;
            }
        }

        /// <summary>What the store knows about one message.</summary>
        internal struct Entry
        {
            public ulong Topic;
            public int Round;
            public Priority Priority;
            public NodeId ReceivedFrom;
            public byte[]? Frame;
            public bool Optimized;
            public long ReceivedMs;
        }
    }
}

using System;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// Ids of the broadcasts a node has received (duplicate suppression, at most
    /// <see cref="GossipOptions.SeenCapacity"/>) and the bytes of the most recent ones (to answer
    /// GRAFTs, at most <see cref="GossipOptions.MessageCacheCapacity"/>). Both forget the oldest first
    /// and count it. One ring of ids serves both: the cached messages are always the newest of the
    /// seen ones.
    /// </summary>
    internal sealed class MessageStore
    {
        private readonly MessageIdTable<Entry> entries;
        private readonly FifoRing<MessageId> seen;
        private readonly int cacheCapacity;
        private readonly GossipCounters counters;

        internal MessageStore(int seenCapacity, int cacheCapacity, GossipCounters counters)
        {
            // Sized for the first hundred-odd messages up front: growing by doubling would make every
            // node of a large fleet discard about as much table as it keeps.
            entries = new MessageIdTable<Entry>(Math.Min(seenCapacity, 128));
            seen = new FifoRing<MessageId>(seenCapacity);
            this.cacheCapacity = Math.Min(cacheCapacity, seenCapacity);
            this.counters = counters;
        }

        /// <summary>Messages whose bytes are kept (the newest seen ones).</summary>
        internal int CachedCount
        {
            get { return Math.Min(seen.Count, cacheCapacity); }
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
                if (seen.Capacity == cacheCapacity)
                {
                    counters.CacheEvictions++;
                }
            }

            seen.Enqueue(id);
            if (seen.Count > cacheCapacity)
            {
                // The id that just left the newest-cacheCapacity window keeps its place in the seen set only.
                MessageId old = seen.FromNewest(cacheCapacity);
                if (entries.TryGetValue(old, out Entry stale))
                {
                    stale.Frame = null;
                    entries.Set(old, stale);
                }

                counters.CacheEvictions++;
            }

            entries.Set(id, new Entry { Topic = topic, Round = round, Priority = priority, ReceivedFrom = receivedFrom, Frame = frame, Optimized = false, ReceivedMs = now });
        }

        /// <summary>
        /// The announcement (IHAVE entry, one round further) of the <paramref name="index"/>-th newest
        /// cached message (0: the newest; below <see cref="CachedCount"/>); false when it arrived
        /// before <paramref name="sinceMs"/> or its bytes are gone, so a GRAFT could not be answered.
        /// </summary>
        internal bool TryGetAnnouncement(int index, long sinceMs, out IHaveEntry announcement)
        {
            MessageId id = seen.FromNewest(index);
            if (entries.TryGetValue(id, out Entry entry) && entry.ReceivedMs >= sinceMs && entry.Frame != null)
            {
                announcement = new IHaveEntry(entry.Topic, id, entry.Round + 1);
                return true;
            }

            announcement = default(IHaveEntry);
            return false;
        }

        internal void MarkOptimized(MessageId id)
        {
            if (entries.TryGetValue(id, out Entry entry))
            {
                entry.Optimized = true;
                entries.Set(id, entry);
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

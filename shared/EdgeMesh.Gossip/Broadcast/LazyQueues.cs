using System;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// IHAVE entries waiting for the next lazy flush, per peer. Lazy peers are active-view
    /// neighbours, a handful, so they sit in one dense array found by a linear scan, and a flush
    /// walks the slots in order. A peer keeps its slot and entry array until <see cref="Drop"/> (it
    /// left the active view); the next new peer takes the most recently freed slot, so flushes go
    /// out in the same order as they did from the insertion-ordered table this replaced, and
    /// seeded simulations replay unchanged. At most <c>capacity</c> entries per peer; the caller
    /// counts what <see cref="Add"/> refuses. Dropped entry arrays are reused.
    /// </summary>
    internal sealed class LazyQueues
    {
        private readonly int capacity;
        private Queue[] queues = new Queue[4];
        private int count;
        private int[] freeSlots = new int[4];
        private int freeCount;
        private IHaveEntry[][] spare = new IHaveEntry[4][];
        private int spareCount;

        internal LazyQueues(int capacity)
        {
            this.capacity = capacity;
        }

        /// <summary>Slots to walk for a flush; a slot of a dropped peer holds no entries.</summary>
        internal int SlotCount
        {
            get { return count; }
        }

        internal NodeId PeerAt(int index)
        {
            return new NodeId(queues[index].Peer);
        }

        internal int EntryCountAt(int index)
        {
            return queues[index].Count;
        }

        internal IHaveEntry EntryAt(int index, int entry)
        {
            return queues[index].Entries[entry];
        }

        internal void ClearAt(int index)
        {
            queues[index].Count = 0;
        }

        /// <summary>Queues an entry for <paramref name="peer"/>; false when the peer's queue is full.</summary>
        internal bool Add(NodeId peer, IHaveEntry entry)
        {
            int i = IndexOf(peer);
            if (i < 0)
            {
                if (freeCount > 0)
                {
                    i = freeSlots[--freeCount];
                }
                else
                {
                    if (count == queues.Length)
                    {
                        Array.Resize(ref queues, queues.Length * 2);
                    }

                    i = count++;
                }

                queues[i].Peer = peer.Value;
                queues[i].Entries = spareCount > 0 ? spare[--spareCount] : new IHaveEntry[Math.Min(capacity, 8)];
                queues[i].Count = 0;
            }

            ref Queue q = ref queues[i];
            if (q.Count >= capacity)
            {
                return false;
            }

            if (q.Count == q.Entries.Length)
            {
                Array.Resize(ref q.Entries, Math.Min(capacity, q.Entries.Length * 2));
            }

            q.Entries[q.Count++] = entry;
            return true;
        }

        /// <summary>Forgets a peer and whatever was queued for it.</summary>
        internal void Drop(NodeId peer)
        {
            int i = IndexOf(peer);
            if (i < 0)
            {
                return;
            }

            if (spareCount == spare.Length)
            {
                Array.Resize(ref spare, spare.Length * 2);
            }

            spare[spareCount++] = queues[i].Entries;
            queues[i] = default(Queue);
            if (freeCount == freeSlots.Length)
            {
                Array.Resize(ref freeSlots, freeSlots.Length * 2);
            }

            freeSlots[freeCount++] = i;
        }

        private int IndexOf(NodeId peer)
        {
            for (int i = 0; i < count; i++)
            {
                if (queues[i].Peer == peer.Value && queues[i].Entries != null)
                {
                    return i;
                }
            }

            return -1;
        }

        private struct Queue
        {
            public ulong Peer;
            public IHaveEntry[] Entries;
            public int Count;
        }
    }
}

using System;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// IHAVE entries waiting for the next lazy flush, per peer. Lazy peers are active-view
    /// neighbours, a handful, so they sit in one dense array found by a linear scan, and a flush
    /// walks them in the order they were first queued. At most <c>capacity</c> entries per peer; the
    /// caller counts what <see cref="Add"/> refuses. A peer's slot and entry array are kept until
    /// <see cref="Drop"/> (the peer left the active view), and dropped arrays are reused.
    /// </summary>
    internal sealed class LazyQueues
    {
        private readonly int capacity;
        private Queue[] queues = new Queue[4];
        private int count;
        private IHaveEntry[][] spare = new IHaveEntry[4][];
        private int spareCount;

        internal LazyQueues(int capacity)
        {
            this.capacity = capacity;
        }

        /// <summary>Peers with a queue (possibly empty).</summary>
        internal int PeerCount
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
                if (count == queues.Length)
                {
                    Array.Resize(ref queues, queues.Length * 2);
                }

                i = count++;
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
            count--;
            Array.Copy(queues, i + 1, queues, i, count - i);
            queues[count] = default(Queue);
        }

        private int IndexOf(NodeId peer)
        {
            for (int i = 0; i < count; i++)
            {
                if (queues[i].Peer == peer.Value)
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

using System;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// The node's outgoing frames: one <see cref="PrioritySendQueue"/> per peer with frames waiting, at
    /// most <see cref="GossipOptions.MaxQueuedPeers"/> of them. A queue that empties goes back to a spare
    /// stack and the next peer reuses it, so a node that talks to many peers over time (shuffles,
    /// probes, joins) keeps only as many queues as were ever busy at once, and the few in use stay
    /// in cache. Busy peers are found by scanning a dense array of their ids: drivers drain the
    /// outbox after every call, so it is nearly always empty or holds a few peers, and the worst case
    /// (every allowed peer backlogged) is one sequential pass over MaxQueuedPeers ids.
    /// The driver drains it either globally (highest priority first, round-robin between peers) or
    /// per peer when a link is free. Dropped frames' buffers go back to the pool and the drop is
    /// counted by priority.
    /// </summary>
    internal sealed class Outbox
    {
        private readonly GossipCounters counters;
        private readonly FrameBufferPool pool;
        private readonly int queueCapacity;
        private readonly int maxPeers;
        private Busy[] ready = new Busy[4];
        private int readyCount;
        private PrioritySendQueue[] spare = new PrioritySendQueue[4];
        private int spareCount;

        // The queue that emptied last, held in the outbox itself: the usual cycle (one peer gets a
        // frame, the driver sends it) then reuses it without touching the spare array.
        private PrioritySendQueue? lastFreed;
        private int next;
        private int pending;

        internal Outbox(GossipCounters counters, FrameBufferPool pool, int queueCapacity, int maxPeers)
        {
            this.counters = counters;
            this.pool = pool;
            this.queueCapacity = queueCapacity;
            this.maxPeers = maxPeers;
        }

        internal int Pending
        {
            get { return pending; }
        }

        internal void Enqueue(OutboundFrame frame)
        {
            int index = IndexOf(frame.To);
            PrioritySendQueue queue;
            if (index >= 0)
            {
                queue = ready[index].Queue;
            }
            else
            {
                if (readyCount >= maxPeers)
                {
                    counters.QueuedPeerLimitDrops++;
                    counters.CountSendQueueDrop(frame.Priority);
                    pool.Return(frame.Buffer);
                    return;
                }

                if (lastFreed != null)
                {
                    queue = lastFreed;
                    lastFreed = null;
                }
                else
                {
                    queue = spareCount > 0 ? spare[--spareCount] : new PrioritySendQueue(queueCapacity);
                }

                Append(frame.To, queue);
            }

            if (queue.Enqueue(frame, out OutboundFrame evicted))
            {
                pending++;
                counters.FramesQueued++;
            }
            else
            {
                counters.CountSendQueueDrop(frame.Priority);
                pool.Return(frame.Buffer);
            }

            if (evicted.Buffer != null)
            {
                pending--;
                counters.CountSendQueueDrop(evicted.Priority);
                pool.Return(evicted.Buffer);
            }
        }

        /// <summary>Next frame over all peers: the most urgent head, ties broken round-robin.</summary>
        internal bool TryDequeue(out OutboundFrame frame)
        {
            int n = readyCount;
            if (n == 0)
            {
                frame = default(OutboundFrame);
                return false;
            }

            int best = -1;
            int bestPriority = int.MaxValue;
            for (int k = 0; k < n; k++)
            {
                int i = RingIndex.Wrap(next + k, n);
                int p = ready[i].Queue.HighestPriority;
                if (p < bestPriority)
                {
                    bestPriority = p;
                    best = i;
                    if (p == 0)
                    {
                        break;
                    }
                }
            }

            next = best + 1;
            return TakeFrom(best, out frame);
        }

        /// <summary>Next frame for one peer.</summary>
        internal bool TryDequeue(NodeId peer, out OutboundFrame frame)
        {
            int index = IndexOf(peer);
            if (index < 0)
            {
                frame = default(OutboundFrame);
                return false;
            }

            return TakeFrom(index, out frame);
        }

        private int IndexOf(NodeId peer)
        {
            Busy[] busy = ready;
            for (int i = 0; i < readyCount; i++)
            {
                if (busy[i].Peer == peer.Value)
                {
                    return i;
                }
            }

            return -1;
        }

        private void Append(NodeId peer, PrioritySendQueue queue)
        {
            if (readyCount == ready.Length)
            {
                Array.Resize(ref ready, Math.Min(maxPeers, ready.Length * 2));
            }

            ready[readyCount].Peer = peer.Value;
            ready[readyCount].Queue = queue;
            readyCount++;
        }

        private bool TakeFrom(int index, out OutboundFrame frame)
        {
            PrioritySendQueue queue = ready[index].Queue;
            queue.TryDequeue(out frame);
            pending--;
            if (queue.Count == 0)
            {
                // Keep the order of the others: the round-robin position depends on it.
                readyCount--;
                Array.Copy(ready, index + 1, ready, index, readyCount - index);
                ready[readyCount] = default(Busy);
                if (next > index)
                {
                    next--;
                }

                if (lastFreed != null)
                {
                    // Never more spares than queues were ever busy at once (at most MaxQueuedPeers).
                    if (spareCount == spare.Length)
                    {
                        Array.Resize(ref spare, spare.Length * 2);
                    }

                    spare[spareCount++] = lastFreed;
                }

                lastFreed = queue;
            }

            return true;
        }

        /// <summary>A peer with frames waiting, and its queue.</summary>
        private struct Busy
        {
            public ulong Peer;
            public PrioritySendQueue Queue;
        }
    }
}

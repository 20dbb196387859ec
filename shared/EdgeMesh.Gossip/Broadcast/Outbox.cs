using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// The node's outgoing frames: one <see cref="PrioritySendQueue"/> per peer with frames waiting, at
    /// most <see cref="GossipOptions.MaxQueuedPeers"/> of them. A queue that empties goes back to a spare
    /// stack and the next peer reuses it, so a node that talks to many peers over time (shuffles,
    /// probes, joins) keeps only as many queues as were ever busy at once, and the few in use stay
    /// in cache. The driver drains it either
    /// globally (highest priority first, round-robin between peers) or per peer when a link is free.
    /// Dropped frames' buffers go back to the pool and the drop is counted by priority.
    /// </summary>
    internal sealed class Outbox
    {
        private readonly IdTable<PrioritySendQueue> queues = new IdTable<PrioritySendQueue>();
        private readonly List<PrioritySendQueue> ready = new List<PrioritySendQueue>();
        private readonly Stack<PrioritySendQueue> spare = new Stack<PrioritySendQueue>();
        private readonly GossipCounters counters;
        private readonly FrameBufferPool pool;
        private readonly int queueCapacity;
        private readonly int maxPeers;
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
            if (!queues.TryGetValue(frame.To.Value, out PrioritySendQueue? queue))
            {
                if (queues.Count >= maxPeers)
                {
                    counters.QueuedPeerLimitDrops++;
                    counters.CountSendQueueDrop(frame.Priority);
                    pool.Return(frame.Buffer);
                    return;
                }

                queue = spare.Count > 0 ? spare.Pop() : new PrioritySendQueue(queueCapacity);
                queue.Peer = frame.To;
                queues.Set(frame.To.Value, queue);
                ready.Add(queue);
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
            int n = ready.Count;
            if (n == 0)
            {
                frame = default(OutboundFrame);
                return false;
            }

            int best = -1;
            int bestPriority = int.MaxValue;
            for (int k = 0; k < n; k++)
            {
                int i = (next + k) % n;
                int p = ready[i].HighestPriority;
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
            if (!queues.TryGetValue(peer.Value, out PrioritySendQueue? queue) || queue.Count == 0)
            {
                frame = default(OutboundFrame);
                return false;
            }

            return TakeFrom(ready.IndexOf(queue), out frame);
        }

        private bool TakeFrom(int index, out OutboundFrame frame)
        {
            PrioritySendQueue queue = ready[index];
            queue.TryDequeue(out frame);
            pending--;
            if (queue.Count == 0)
            {
                ready.RemoveAt(index);
                if (next > index)
                {
                    next--;
                }

                queues.Remove(queue.Peer.Value);
                spare.Push(queue);
            }

            return true;
        }
    }
}

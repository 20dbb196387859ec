using System;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// One peer's bounded send queue with the four priority classes of wire-format §2.3. Frames leave
    /// highest priority first (control, motion, telemetry, bulk), FIFO within a class. When the queue
    /// is full, a new frame evicts the oldest frame of the lowest non-empty class if that class is
    /// lower than the new frame's; otherwise the new frame is dropped. Every drop is counted per class.
    /// </summary>
    public sealed class PrioritySendQueue
    {
        private const int Classes = 4;
        private static readonly OutboundFrame[] NoFrames = Array.Empty<OutboundFrame>();

        // Per-class state lives inside the object rather than in separate small arrays: a node
        // touches this queue on every frame it sends, and each extra object is another cache miss.
        private PerClass<OutboundFrame[]> rings;
        private PerClass<int> heads;
        private PerClass<int> counts;
        private PerClass<long> drops;
        private int count;

        /// <summary>Creates an empty queue holding at most <paramref name="capacity"/> frames over all classes.</summary>
        public PrioritySendQueue(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            Capacity = capacity;

            // A class gets storage on its first frame: most peers only ever get control frames.
            for (int i = 0; i < Classes; i++)
            {
                rings[i] = NoFrames;
            }
        }

        /// <summary>Largest number of frames queued at once.</summary>
        public int Capacity { get; }

        /// <summary>Frames queued.</summary>
        public int Count
        {
            get { return count; }
        }

        /// <summary>Priority of the frame <see cref="TryDequeue"/> would return; 4 when empty.</summary>
        public int HighestPriority
        {
            get
            {
                for (int p = 0; p < Classes; p++)
                {
                    if (counts[p] > 0)
                    {
                        return p;
                    }
                }

                return Classes;
            }
        }

        /// <summary>Frames of class <paramref name="priority"/> dropped by this queue.</summary>
        public long Drops(Priority priority)
        {
            return drops[(int)priority];
        }

        /// <summary>
        /// Queues <paramref name="frame"/>. Returns false when the frame itself was dropped. When a
        /// queued lower-priority frame was evicted instead, it is returned in <paramref name="evicted"/>
        /// (its buffer belongs to the caller again); otherwise <paramref name="evicted"/>.Buffer is null.
        /// </summary>
        public bool Enqueue(OutboundFrame frame, out OutboundFrame evicted)
        {
            evicted = default(OutboundFrame);
            int p = (int)frame.Priority & 3;
            if (count == Capacity)
            {
                int lowest = Classes - 1;
                while (counts[lowest] == 0)
                {
                    lowest--;
                }

                if (lowest <= p)
                {
                    drops[p]++;
                    return false;
                }

                evicted = Take(lowest);
                drops[lowest]++;
            }

            Put(p, frame);
            return true;
        }

        /// <summary>Takes the next frame: highest class first, oldest first within it.</summary>
        public bool TryDequeue(out OutboundFrame frame)
        {
            for (int p = 0; p < Classes; p++)
            {
                if (counts[p] > 0)
                {
                    frame = Take(p);
                    return true;
                }
            }

            frame = default(OutboundFrame);
            return false;
        }

        private void Put(int p, OutboundFrame frame)
        {
            OutboundFrame[] ring = rings[p];
            if (counts[p] == ring.Length)
            {
                // Grow lazily up to the capacity: most queues stay short.
                var bigger = new OutboundFrame[Math.Min(Capacity, Math.Max(4, ring.Length * 2))];
                for (int i = 0; i < counts[p]; i++)
                {
                    bigger[i] = ring[(heads[p] + i) % ring.Length];
                }

                rings[p] = ring = bigger;
                heads[p] = 0;
            }

            ring[RingIndex.Wrap(heads[p] + counts[p], ring.Length)] = frame;
            counts[p]++;
            count++;
        }

        private OutboundFrame Take(int p)
        {
            OutboundFrame[] ring = rings[p];
            OutboundFrame frame = ring[heads[p]];
            ring[heads[p]] = default(OutboundFrame);
            heads[p] = RingIndex.Wrap(heads[p] + 1, ring.Length);
            counts[p]--;
            count--;
            return frame;
        }
    }
}

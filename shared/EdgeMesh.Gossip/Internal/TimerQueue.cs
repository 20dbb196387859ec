namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// The node's pending timers. Cancelled timers are not removed: their owner ignores them when
    /// they fire, and <see cref="GossipNode.NextDeadlineMs"/> drops them when they reach the top. Every
    /// entry belongs to a bounded table (probe, suspects, missing messages, NEIGHBOR requests) or is
    /// one of the periodic timers, which bounds the queue.
    /// </summary>
    internal readonly struct TimerQueue
    {
        // A struct over the heap so that the node reaches the heap in one step: the driver asks for
        // the next deadline after every call.
        private readonly DeadlineQueue<Entry> queue;

        /// <summary>Creates an empty timer queue.</summary>
        public TimerQueue()
        {
            queue = new DeadlineQueue<Entry>();
        }

        internal int Count
        {
            get { return queue.Count; }
        }

        /// <summary>Due time of the earliest timer, or <see cref="long.MaxValue"/>.</summary>
        internal long NextDue
        {
            get { return queue.NextDue; }
        }

        internal void Schedule(long due, TimerKind kind, ulong a, ulong b)
        {
            queue.Push(due, new Entry { Kind = kind, A = a, B = b });
        }

        /// <summary>The earliest timer without removing it; false when empty.</summary>
        internal bool TryPeek(out TimerKind kind, out ulong a, out ulong b)
        {
            bool any = queue.TryPeek(out _, out Entry e);
            kind = e.Kind;
            a = e.A;
            b = e.B;
            return any;
        }

        /// <summary>Removes the earliest timer (after <see cref="TryPeek"/> showed it is no longer wanted).</summary>
        internal void PopTop()
        {
            queue.TryPop(out _, out _);
        }

        /// <summary>Removes and returns the earliest timer if it is due at <paramref name="now"/>.</summary>
        internal bool TryPopDue(long now, out TimerKind kind, out ulong a, out ulong b)
        {
            bool due = queue.TryPopDue(now, out Entry e);
            kind = e.Kind;
            a = e.A;
            b = e.B;
            return due;
        }

        private struct Entry
        {
            public TimerKind Kind;
            public ulong A;
            public ulong B;
        }
    }
}

namespace EdgeMesh.Protocol.Flooding
{
    /// <summary>
    /// The last N (sender, sequence) pairs seen, in a ring; the oldest is overwritten first. Lookups
    /// scan the ring (N is small on a radio segment: 64 by default), newest first. Single-threaded.
    /// </summary>
    internal sealed class FloodHistory
    {
        private readonly ulong[] senders;
        private readonly ulong[] sequences;
        private int next;
        private int count;

        internal FloodHistory(int capacity)
        {
            senders = new ulong[capacity];
            sequences = new ulong[capacity];
        }

        /// <summary>Pairs forgotten to make room.</summary>
        internal long Evictions { get; private set; }

        internal bool Contains(ulong sender, ulong sequence)
        {
            int i = next;
            for (int k = 0; k < count; k++)
            {
                i = i == 0 ? senders.Length - 1 : i - 1;
                if (sequences[i] == sequence && senders[i] == sender)
                {
                    return true;
                }
            }

            return false;
        }

        internal void Add(ulong sender, ulong sequence)
        {
            if (count == senders.Length)
            {
                Evictions++;
            }
            else
            {
                count++;
            }

            senders[next] = sender;
            sequences[next] = sequence;
            next = next + 1 == senders.Length ? 0 : next + 1;
        }
    }
}

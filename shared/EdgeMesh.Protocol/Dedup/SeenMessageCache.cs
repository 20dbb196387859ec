namespace EdgeMesh.Protocol.Dedup
{
    /// <summary>
    /// A fixed-size set of recently seen message ids (sender, sequence), used to suppress gossip
    /// duplicates and to skip re-verifying a message already authenticated.
    /// </summary>
    /// <remarks>
    /// Set-associative: an id hashes to a bucket of <see cref="Ways"/> entries; when the bucket is
    /// full the oldest entry is overwritten and <see cref="Evictions"/> counts it. Memory is fixed at
    /// construction (about 24 bytes per entry) and never grows. Not thread-safe: one per receive loop.
    /// </remarks>
    public sealed class SeenMessageCache
    {
        /// <summary>Entries per bucket.</summary>
        public const int Ways = 4;

        private readonly ulong[] _senders;
        private readonly ulong[] _sequences;
        private readonly ulong[] _stamps; // 0 = empty slot, otherwise insertion order
        private readonly int _bucketMask;
        private ulong _clock;

        /// <summary>Creates a cache that remembers at most <paramref name="capacity"/> ids (rounded up to a power of two, at least 4).</summary>
        public SeenMessageCache(int capacity)
        {
            if (capacity < 1 || capacity > (1 << 24))
            {
                throw new System.ArgumentOutOfRangeException(nameof(capacity));
            }

            int size = Ways;
            while (size < capacity)
            {
                size <<= 1;
            }

            _senders = new ulong[size];
            _sequences = new ulong[size];
            _stamps = new ulong[size];
            _bucketMask = (size / Ways) - 1;
        }

        /// <summary>Number of ids the cache can hold.</summary>
        public int Capacity
        {
            get { return _stamps.Length; }
        }

        /// <summary>Ids currently held.</summary>
        public int Count { get; private set; }

        /// <summary>Ids forgotten to make room for newer ones.</summary>
        public long Evictions { get; private set; }

        /// <summary>True when (sender, sequence) is remembered.</summary>
        public bool Contains(ulong sender, ulong sequence)
        {
            int start = BucketStart(sender, sequence);
            for (int i = start; i < start + Ways; i++)
            {
                if (_stamps[i] != 0 && _senders[i] == sender && _sequences[i] == sequence)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Remembers (sender, sequence). Returns false, changing nothing, when it was already
        /// remembered; otherwise stores it, evicting the bucket's oldest id if the bucket is full.
        /// </summary>
        public bool TryAdd(ulong sender, ulong sequence)
        {
            int start = BucketStart(sender, sequence);
            int victim = start;
            for (int i = start; i < start + Ways; i++)
            {
                ulong stamp = _stamps[i];
                if (stamp != 0 && _senders[i] == sender && _sequences[i] == sequence)
                {
                    return false;
                }

                if (stamp < _stamps[victim])
                {
                    victim = i;
                }
            }

            if (_stamps[victim] != 0)
            {
                Evictions++;
            }
            else
            {
                Count++;
            }

            _senders[victim] = sender;
            _sequences[victim] = sequence;
            _stamps[victim] = ++_clock;
            return true;
        }

        /// <summary>Forgets everything (counters are kept).</summary>
        public void Clear()
        {
            System.Array.Clear(_stamps, 0, _stamps.Length);
            Count = 0;
        }

        private int BucketStart(ulong sender, ulong sequence)
        {
            // Sequences of one sender are consecutive: multiply so neighbours land in different buckets.
            ulong h = (sender ^ (sequence * 0x9E3779B97F4A7C15UL)) * 0xC2B2AE3D27D4EB4FUL;
            return (int)((h >> 32) & (uint)_bucketMask) * Ways;
        }
    }
}

namespace EdgeMesh.Protocol.Dedup
{
    /// <summary>
    /// Per-sender sliding window over sequence numbers (the anti-replay window of RFC 4303 §3.4.3,
    /// widened): for each sender it keeps the highest sequence recorded and a bitmap of the
    /// <see cref="WindowBits"/> sequences below it.
    /// </summary>
    /// <remarks>
    /// <para>Bounded: at most <c>senderCapacity</c> senders are tracked (set-associative, 4 ways);
    /// when a bucket is full the least recently used sender is forgotten and
    /// <see cref="Evictions"/> counts it. A forgotten sender's next frame is judged
    /// <see cref="SequenceVerdict.New"/>, so the timestamp-skew check and the
    /// <see cref="SeenMessageCache"/> remain the replay defence for it.</para>
    /// <para><see cref="Check"/> does not change state: a receiver records a sequence only after the
    /// frame has been authenticated, so forged frames cannot slide a sender's window.</para>
    /// <para>Not thread-safe: one per receive loop.</para>
    /// </remarks>
    public sealed class SequenceWindow
    {
        private const int Ways = 4;
        private readonly ulong[] _senders;
        private readonly ulong[] _highest;
        private readonly ulong[] _lastUse; // 0 = empty slot
        private readonly ulong[] _bits;    // _words per sender; bit i of the window = sequence highest - i
        private readonly int _words;
        private readonly int _bucketMask;
        private ulong _clock;

        /// <summary>
        /// Creates a window tracking up to <paramref name="senderCapacity"/> senders (rounded up to a
        /// power of two) with <paramref name="windowWords"/> × 64 sequences of memory each.
        /// </summary>
        public SequenceWindow(int senderCapacity, int windowWords)
        {
            if (senderCapacity < 1 || senderCapacity > (1 << 20))
            {
                throw new System.ArgumentOutOfRangeException(nameof(senderCapacity));
            }

            if (windowWords < 1 || windowWords > 64)
            {
                throw new System.ArgumentOutOfRangeException(nameof(windowWords));
            }

            int size = Ways;
            while (size < senderCapacity)
            {
                size <<= 1;
            }

            _words = windowWords;
            _senders = new ulong[size];
            _highest = new ulong[size];
            _lastUse = new ulong[size];
            _bits = new ulong[size * windowWords];
            _bucketMask = (size / Ways) - 1;
        }

        /// <summary>How many sequences below the highest one each sender's window remembers.</summary>
        public int WindowBits
        {
            get { return _words * 64; }
        }

        /// <summary>Number of senders the window can track.</summary>
        public int SenderCapacity
        {
            get { return _senders.Length; }
        }

        /// <summary>Senders forgotten to make room for others.</summary>
        public long Evictions { get; private set; }

        /// <summary>Judges (sender, sequence) without changing anything.</summary>
        public SequenceVerdict Check(ulong sender, ulong sequence)
        {
            int slot = Find(sender);
            if (slot < 0)
            {
                return SequenceVerdict.New;
            }

            ulong highest = _highest[slot];
            if (sequence > highest)
            {
                return SequenceVerdict.New;
            }

            ulong age = highest - sequence;
            if (age >= (ulong)WindowBits)
            {
                return SequenceVerdict.TooOld;
            }

            int index = (int)age;
            ulong word = _bits[(slot * _words) + (index >> 6)];
            return (word & (1UL << (index & 63))) != 0 ? SequenceVerdict.Duplicate : SequenceVerdict.New;
        }

        /// <summary>Records (sender, sequence) as received. Recording a sequence the window reports as too old does nothing.</summary>
        public void Record(ulong sender, ulong sequence)
        {
            int slot = Find(sender);
            if (slot < 0)
            {
                slot = Claim(sender);
                _highest[slot] = sequence;
                _bits[slot * _words] = 1UL;
                return;
            }

            _lastUse[slot] = ++_clock;
            int baseIndex = slot * _words;
            ulong highest = _highest[slot];
            if (sequence > highest)
            {
                ShiftOlder(baseIndex, sequence - highest);
                _highest[slot] = sequence;
                _bits[baseIndex] |= 1UL;
                return;
            }

            ulong age = highest - sequence;
            if (age < (ulong)WindowBits)
            {
                int index = (int)age;
                _bits[baseIndex + (index >> 6)] |= 1UL << (index & 63);
            }
        }

        private int Find(ulong sender)
        {
            int start = BucketStart(sender);
            for (int i = start; i < start + Ways; i++)
            {
                if (_lastUse[i] != 0 && _senders[i] == sender)
                {
                    return i;
                }
            }

            return -1;
        }

        private int Claim(ulong sender)
        {
            int start = BucketStart(sender);
            int victim = start;
            for (int i = start; i < start + Ways; i++)
            {
                if (_lastUse[i] < _lastUse[victim])
                {
                    victim = i;
                }
            }

            if (_lastUse[victim] != 0)
            {
                Evictions++;
            }

            _senders[victim] = sender;
            _lastUse[victim] = ++_clock;
            System.Array.Clear(_bits, victim * _words, _words);
            return victim;
        }

        // Moves every remembered sequence `distance` positions further from the newest.
        private void ShiftOlder(int baseIndex, ulong distance)
        {
            if (distance >= (ulong)WindowBits)
            {
                System.Array.Clear(_bits, baseIndex, _words);
                return;
            }

            int wordShift = (int)(distance >> 6);
            int bitShift = (int)(distance & 63);
            for (int k = _words - 1; k >= 0; k--)
            {
                int source = k - wordShift;
                ulong value = 0;
                if (source >= 0)
                {
                    value = _bits[baseIndex + source] << bitShift;
                    if (bitShift != 0 && source > 0)
                    {
                        value |= _bits[baseIndex + source - 1] >> (64 - bitShift);
                    }
                }

                _bits[baseIndex + k] = value;
            }
        }

        private int BucketStart(ulong sender)
        {
            ulong h = sender * 0x9E3779B97F4A7C15UL;
            return (int)((h >> 32) & (uint)_bucketMask) * Ways;
        }
    }
}

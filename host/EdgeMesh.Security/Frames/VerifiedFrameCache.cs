using System;

namespace EdgeMesh.Security.Frames
{
    /// <summary>
    /// Bounded memory of verified messages: (sender, sequence) → 128-bit fingerprint of the
    /// authenticated bytes. Four-way set-associative with oldest-first replacement: O(1), no
    /// allocation after construction. Evictions are counted. Not thread-safe.
    /// </summary>
    internal sealed class VerifiedFrameCache
    {
        private const int Ways = 4;

        private readonly ulong[] _senders;
        private readonly ulong[] _sequences;
        private readonly ulong[] _fingerprintLow;
        private readonly ulong[] _fingerprintHigh;
        private readonly long[] _stamps;
        private readonly int _setMask;
        private long _clock;

        /// <summary>Creates a cache of at least <paramref name="capacity"/> entries (rounded up to a power of two, minimum 4).</summary>
        internal VerifiedFrameCache(int capacity)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 24);
            int sets = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)((capacity + Ways - 1) / Ways));
            _setMask = sets - 1;
            Capacity = sets * Ways;
            _senders = new ulong[Capacity];
            _sequences = new ulong[Capacity];
            _fingerprintLow = new ulong[Capacity];
            _fingerprintHigh = new ulong[Capacity];
            _stamps = new long[Capacity];
        }

        /// <summary>Entries held at most.</summary>
        internal int Capacity { get; }

        /// <summary>Entries replaced to make room.</summary>
        internal long Evictions { get; private set; }

        /// <summary>True when exactly this message (same key and fingerprint) was verified before.</summary>
        internal bool Contains(ulong sender, ulong sequence, ulong low, ulong high)
        {
            int first = SetStart(sender, sequence);
            for (int i = first; i < first + Ways; i++)
            {
                if (_stamps[i] != 0 && _senders[i] == sender && _sequences[i] == sequence)
                {
                    return _fingerprintLow[i] == low && _fingerprintHigh[i] == high;
                }
            }

            return false;
        }

        /// <summary>Remembers a verified message, replacing the oldest entry of its set when full.</summary>
        internal void Add(ulong sender, ulong sequence, ulong low, ulong high)
        {
            int first = SetStart(sender, sequence);
            int victim = -1;
            int oldest = first;
            for (int i = first; i < first + Ways; i++)
            {
                if (_stamps[i] == 0 || (_senders[i] == sender && _sequences[i] == sequence))
                {
                    victim = i;
                    break;
                }

                if (_stamps[i] < _stamps[oldest])
                {
                    oldest = i;
                }
            }

            if (victim < 0)
            {
                victim = oldest;
                Evictions++;
            }

            _senders[victim] = sender;
            _sequences[victim] = sequence;
            _fingerprintLow[victim] = low;
            _fingerprintHigh[victim] = high;
            _stamps[victim] = ++_clock;
        }

        private int SetStart(ulong sender, ulong sequence)
        {
            ulong mixed = (sender ^ (sequence * 0x9E3779B97F4A7C15UL)) * 0xBF58476D1CE4E5B9UL;
            return (int)((mixed >> 32) & (uint)_setMask) * Ways;
        }
    }
}

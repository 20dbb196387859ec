using System;
using System.Numerics;

namespace EdgeMesh.Node.Bench
{
    /// <summary>
    /// A fixed-size log-linear histogram of non-negative values (nanoseconds here): 32 buckets per
    /// power of two, so a percentile is reported to within 1/32 (≈ 3 %) of the true value, with
    /// constant memory however long the run (a 10-minute RSS run must not grow). Not thread-safe:
    /// one recording thread.
    /// </summary>
    internal sealed class LatencyHistogram
    {
        private const int SubBits = 5;
        private const int SubBuckets = 1 << SubBits;
        private readonly long[] _counts = new long[64 * SubBuckets];

        /// <summary>Values recorded.</summary>
        internal long Count { get; private set; }

        /// <summary>Largest value recorded.</summary>
        internal long Max { get; private set; }

        /// <summary>Records <paramref name="value"/> (negative values count as 0).</summary>
        internal void Record(long value)
        {
            value = Math.Max(0, value);
            _counts[Index(value)]++;
            Count++;
            Max = Math.Max(Max, value);
        }

        /// <summary>Forgets every value.</summary>
        internal void Clear()
        {
            Array.Clear(_counts);
            Count = 0;
            Max = 0;
        }

        /// <summary>Nearest-rank percentile (<paramref name="p"/> in 0..1): the upper bound of the bucket holding it, at most <see cref="Max"/>; 0 when empty.</summary>
        internal long Percentile(double p)
        {
            if (Count == 0)
            {
                return 0;
            }

            long rank = Math.Max(1, (long)Math.Ceiling(p * Count));
            long seen = 0;
            for (int i = 0; i < _counts.Length; i++)
            {
                seen += _counts[i];
                if (seen >= rank)
                {
                    return Math.Min(UpperBound(i), Max);
                }
            }

            return Max;
        }

        internal static int Index(long value)
        {
            if (value < SubBuckets)
            {
                return (int)value;
            }

            int shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - SubBits;
            return ((shift + 1) << SubBits) + (int)((value >> shift) & (SubBuckets - 1));
        }

        internal static long UpperBound(int index)
        {
            if (index < SubBuckets)
            {
                return index;
            }

            int shift = (index >> SubBits) - 1;
            long lower = (long)(SubBuckets + (index & (SubBuckets - 1))) << shift;
            return lower + (1L << shift) - 1;
        }
    }
}

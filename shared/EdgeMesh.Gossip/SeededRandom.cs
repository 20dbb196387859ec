namespace EdgeMesh.Gossip
{
    /// <summary>
    /// xoshiro256** seeded through SplitMix64. Chosen over <see cref="System.Random"/> because its
    /// sequence is fixed by this code, not by the runtime version, so trace hashes stay stable
    /// across .NET releases. Not for cryptography.
    /// </summary>
    public sealed class SeededRandom : IRandomSource
    {
        private ulong s0;
        private ulong s1;
        private ulong s2;
        private ulong s3;

        /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
        public SeededRandom(ulong seed)
        {
            ulong x = seed;
            s0 = SplitMix64(ref x);
            s1 = SplitMix64(ref x);
            s2 = SplitMix64(ref x);
            s3 = SplitMix64(ref x);
        }

        /// <summary>Derives an independent seed from a base seed and a stream number (node index, purpose).</summary>
        public static ulong DeriveSeed(ulong seed, ulong stream)
        {
            ulong x = seed ^ (stream * 0xD1B54A32D192ED03UL);
            SplitMix64(ref x);
            return SplitMix64(ref x);
        }

        /// <inheritdoc />
        public ulong NextUInt64()
        {
            ulong result = RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);
            return result;
        }

        /// <inheritdoc />
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                return 0;
            }

            // Multiply-shift maps 32 random bits onto the range; the bias is below 2^-32 per value.
            return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
        }

        /// <inheritdoc />
        public double NextDouble()
        {
            return (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        }

        private static ulong SplitMix64(ref ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            ulong z = x;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static ulong RotateLeft(ulong value, int bits)
        {
            return (value << bits) | (value >> (64 - bits));
        }
    }
}

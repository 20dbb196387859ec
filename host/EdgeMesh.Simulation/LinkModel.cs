using System;
using EdgeMesh.Gossip;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// How the simulated network treats a frame: every pair of nodes has a fixed base latency
    /// (drawn uniformly between <see cref="LatencyMinUs"/> and <see cref="LatencyMaxUs"/> from the
    /// seed and the pair), each frame adds exponential jitter and is lost with probability
    /// <see cref="LossRate"/>; each node's uplink sends at most <see cref="BandwidthBitsPerSecond"/>.
    /// </summary>
    public sealed class LinkModel
    {
        /// <summary>Probability that a frame is lost (0..1).</summary>
        public double LossRate { get; set; }

        /// <summary>Smallest base latency of a pair, microseconds.</summary>
        public long LatencyMinUs { get; set; } = 5_000;

        /// <summary>Largest base latency of a pair, microseconds.</summary>
        public long LatencyMaxUs { get; set; } = 25_000;

        /// <summary>Mean of the exponential per-frame jitter, microseconds (0: none).</summary>
        public long JitterMeanUs { get; set; } = 2_000;

        /// <summary>Uplink rate of every node in bits per second; 0 means unlimited.</summary>
        public long BandwidthBitsPerSecond { get; set; }

        /// <summary>Seed of the per-pair base latencies.</summary>
        public ulong Seed { get; set; }

        /// <summary>Checks the values.</summary>
        public void Validate()
        {
            if (LossRate < 0 || LossRate > 1 || LatencyMinUs < 0 || LatencyMaxUs < LatencyMinUs || JitterMeanUs < 0 || BandwidthBitsPerSecond < 0)
            {
                throw new ArgumentException("Link model out of range.");
            }
        }

        /// <summary>The fixed latency of the pair (symmetric).</summary>
        public long BaseLatencyUs(int a, int b)
        {
            ulong lo = (ulong)Math.Min(a, b);
            ulong hi = (ulong)Math.Max(a, b);
            ulong h = SeededRandom.DeriveSeed(Seed, (lo << 32) | hi);
            long span = LatencyMaxUs - LatencyMinUs;
            return LatencyMinUs + (span == 0 ? 0 : (long)(h % (ulong)(span + 1)));
        }

        /// <summary>Latency of one frame from <paramref name="a"/> to <paramref name="b"/>.</summary>
        public long SampleLatencyUs(int a, int b, IRandomSource random)
        {
            long latency = BaseLatencyUs(a, b);
            if (JitterMeanUs > 0)
            {
                latency += (long)(-Math.Log(1.0 - random.NextDouble()) * JitterMeanUs);
            }

            return latency;
        }

        /// <summary>Time to put <paramref name="bytes"/> on the uplink; 0 when unlimited.</summary>
        public long TransmitUs(int bytes)
        {
            return BandwidthBitsPerSecond == 0 ? 0 : Math.Max(1, bytes * 8L * 1_000_000L / BandwidthBitsPerSecond);
        }
    }
}

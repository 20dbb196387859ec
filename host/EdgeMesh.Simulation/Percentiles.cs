using System;
using System.Collections.Generic;

namespace EdgeMesh.Simulation
{
    /// <summary>Nearest-rank percentiles, as every EdgeMesh report (simulator, demo, benchmarks) computes them.</summary>
    public static class Percentiles
    {
        /// <summary>The <paramref name="q"/> quantile (0..1) of ascending <paramref name="sorted"/> samples; 0 for none.</summary>
        public static double NearestRank(IReadOnlyList<long> sorted, double q)
        {
            if (sorted.Count == 0)
            {
                return 0;
            }

            int rank = (int)Math.Ceiling(q * sorted.Count);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
        }
    }
}

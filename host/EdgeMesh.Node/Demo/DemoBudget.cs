using System;
using System.Diagnostics;
using EdgeMesh.Security;

namespace EdgeMesh.Node.Demo
{
    /// <summary>
    /// Sizes <c>edgemesh demo</c> to the machine before it starts. Every node of the demo runs in this
    /// one process, so the demo needs <c>nodes × idle + deliveries/s × per-delivery</c> CPU-seconds
    /// per second; past the cores' budget the nodes fall behind, latency grows to seconds and the
    /// run overruns its duration. The two costs were measured on the reference machine
    /// (docs/performance.md, "Demo CPU budget") and are scaled by a quick Ed25519 sign+verify
    /// calibration here, since signatures are most of the per-message work. When the default rate
    /// does not fit, the telemetry rate is lowered; when even the lowest rate does not fit, the demo
    /// refuses up front, saying why and how many nodes would fit.
    /// </summary>
    internal sealed class DemoBudget
    {
        /// <summary>CPU a joined, quiet node costs on the reference machine (membership, beacons, timers), core-seconds per second.</summary>
        internal const double ReferenceIdleCoresPerNode = 0.02;

        /// <summary>CPU one delivery to one subscriber costs on the reference machine (origin signature shared out, relays' signing and checking, copies), seconds.</summary>
        internal const double ReferenceSecondsPerDelivery = 500e-6;

        /// <summary>An Ed25519 sign plus verify on the reference machine (44 k signs/s, 16 k verifies/s per core), seconds.</summary>
        internal const double ReferenceSignVerifySeconds = (1.0 / 44_000) + (1.0 / 16_000);

        /// <summary>Share of the cores the demo plans to use: the rest is headroom for bursts, the collector and other programs.</summary>
        internal const double CoreShare = 0.5;

        /// <summary>Publications per node per second at the default rate (telemetry every 200 ms, a heartbeat every second).</summary>
        internal const double DefaultRate = 6.0;

        /// <summary>The lowest rate the demo runs at (telemetry once a second and a heartbeat every five).</summary>
        internal const double MinimumRate = 1.2;

        internal DemoBudget(int cores, double speedFactor, double availableCores)
        {
            Cores = cores;
            SpeedFactor = speedFactor;
            AvailableCores = Math.Clamp(availableCores, Math.Min(0.5, cores), cores);
        }

        /// <summary>Cores of this machine.</summary>
        internal int Cores { get; }

        /// <summary>Cores not already kept busy by other programs (from the load average; all of them when unknown).</summary>
        internal double AvailableCores { get; }

        /// <summary>How much slower than the reference machine this one signs and verifies (1: the same).</summary>
        internal double SpeedFactor { get; }

        /// <summary>Core-seconds per second the demo may plan for.</summary>
        internal double BudgetCores => AvailableCores * CoreShare;

        internal double IdleCoresPerNode => ReferenceIdleCoresPerNode * SpeedFactor;

        internal double SecondsPerDelivery => ReferenceSecondsPerDelivery * SpeedFactor;

        /// <summary>This machine: its cores, and a ~20 ms calibration of Ed25519 against the reference figures.</summary>
        internal static DemoBudget ForThisMachine()
        {
            Sodium.EnsureInitialized();
            using Ed25519KeyPair keys = Ed25519KeyPair.Generate();
            Span<byte> message = stackalloc byte[128];
            Span<byte> signature = stackalloc byte[Ed25519KeyPair.SignatureLength];
            const int Rounds = 100;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < Rounds; i++)
            {
                message[0] = (byte)i;
                keys.Sign(message, signature);
                Ed25519KeyPair.Verify(keys.PublicKey, message, signature);
            }

            double perPair = clock.Elapsed.TotalSeconds / Rounds;
            // A loaded machine measures slower: that is the capacity the demo will get, so keep it (bounded to a sane range).
            int cores = Environment.ProcessorCount;
            return new DemoBudget(cores, Math.Clamp(perPair / ReferenceSignVerifySeconds, 0.25, 20), cores - OtherLoad());
        }

        /// <summary>The one-minute load average (Linux), i.e. how many cores other programs keep busy; 0 when unknown.</summary>
        private static double OtherLoad()
        {
            try
            {
                string text = System.IO.File.ReadAllText("/proc/loadavg");
                int space = text.IndexOf(' ', StringComparison.Ordinal);
                return space > 0 && double.TryParse(text.AsSpan(0, space), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double load) ? load : 0;
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
            {
                return 0;
            }
        }

        /// <summary>Core-seconds per second <paramref name="nodes"/> nodes need publishing <paramref name="rate"/> messages per second each to all others.</summary>
        internal double CoresNeeded(int nodes, double rate)
        {
            return (nodes * IdleCoresPerNode) + (nodes * rate * (nodes - 1) * SecondsPerDelivery);
        }

        /// <summary>The highest rate up to <see cref="DefaultRate"/> that fits; below <see cref="MinimumRate"/> when none does.</summary>
        internal double RateFor(int nodes)
        {
            double left = BudgetCores - (nodes * IdleCoresPerNode);
            double perRate = nodes * (nodes - 1) * SecondsPerDelivery;
            return left <= 0 ? 0 : Math.Min(DefaultRate, left / perRate);
        }

        /// <summary>The most nodes that fit at <paramref name="rate"/>.</summary>
        internal int MaxNodes(double rate)
        {
            int nodes = 2;
            while (nodes < 64 && CoresNeeded(nodes + 1, rate) <= BudgetCores)
            {
                nodes++;
            }

            return nodes;
        }
    }
}

using System.Diagnostics;
using EdgeMesh.Security;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Crdt;
using EdgeMesh.State.Fleet;
using Xunit.Abstractions;

namespace EdgeMesh.State.Tests.Crdt
{
    /// <summary>
    /// Merge throughput for docs/performance.md: single-entry deltas merged into a state of 10,000
    /// keys. Slow (skipped by the default run): <c>dotnet test ... --filter Category=Slow</c>.
    /// </summary>
    public sealed class MergeThroughputTests
    {
        private readonly ITestOutputHelper _output;

        public MergeThroughputTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        [Trait("Category", "Slow")]
        public void Merge_throughput()
        {
            const int Keys = 10_000;
            var lww = LwwMap.CreateEmpty();
            var deltas = new LwwMap[Keys];
            var clock = new HybridLogicalClock(7);
            for (int i = 0; i < Keys; i++)
            {
                deltas[i] = LwwMap.CreateEmpty().Set("config/k" + i, new byte[16], clock.Now(1_000 + i));
            }

            Report("LwwMap, 1-entry deltas into 10k keys", () =>
            {
                foreach (LwwMap d in deltas)
                {
                    lww.MergeFrom(d);
                }
            }, Keys);

            var set = ORSet.CreateEmpty();
            var setDeltas = new ORSet[Keys];
            var source = ORSet.CreateEmpty();
            for (int i = 0; i < Keys; i++)
            {
                setDeltas[i] = source.Add((ulong)(1 + (i % 20)), "e" + i);
            }

            Report("ORSet, 1-add deltas into 10k elements", () =>
            {
                foreach (ORSet d in setDeltas)
                {
                    set.MergeFrom(d);
                }
            }, Keys);

            using Ed25519KeyPair author = Ed25519KeyPair.Generate();
            var map = SignedMap.CreateEmpty();
            var signed = new SignedMap[Keys];
            byte[] cert = new byte[128];
            for (int i = 0; i < Keys; i++)
            {
                SignedEntry e = SignedEntry.Create("mission/r" + i, new byte[16], new HybridTimestamp(1_000 + i, 0, 9), Array.Empty<HybridTimestamp>(), author);
                signed[i] = SignedMap.Single(e, cert);
            }

            Report("SignedMap, 1-entry deltas into 10k keys (merge only; verification is separate)", () =>
            {
                foreach (SignedMap d in signed)
                {
                    map.MergeFrom(d);
                }
            }, Keys);

            var redundant = map.Clone();
            Report("SignedMap, 10k redundant deltas (already held)", () =>
            {
                foreach (SignedMap d in signed)
                {
                    redundant.MergeFrom(d);
                }
            }, Keys);
        }

        private void Report(string name, Action run, int count)
        {
            var watch = Stopwatch.StartNew();
            run();
            watch.Stop();
            _output.WriteLine(name + ": " + (count / watch.Elapsed.TotalSeconds).ToString("N0") + " merges/s");
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Node.Demo;

namespace EdgeMesh.Node.Tests.Demo
{
    /// <summary>The demo sized to the machine, its duration as a wall-clock bound, and a last frame equal to the summary.</summary>
    public sealed class DemoSizingTests
    {
        private static readonly DemoBudget TwoQuietCores = new(cores: 2, speedFactor: 1.0, availableCores: 2);

        [Fact]
        public void ASmallFleetRunsAtTheFullRate()
        {
            DemoPlan plan = DemoPlan.Size(8, TimeSpan.FromSeconds(10), TwoQuietCores, out string refusal)!;
            Assert.Equal(DemoPlan.DefaultTickMs, plan.TickMs);
            Assert.Null(plan.Note);
            Assert.Empty(refusal);
            Assert.True(TwoQuietCores.CoresNeeded(8, plan.Rate) <= TwoQuietCores.BudgetCores);
        }

        [Fact]
        public void AMidSizedFleetIsSlowedToFitAndSaysSo()
        {
            DemoPlan plan = DemoPlan.Size(20, TimeSpan.FromSeconds(10), TwoQuietCores, out _)!;
            Assert.True(plan.TickMs > DemoPlan.DefaultTickMs);
            Assert.True(plan.Rate < DemoBudget.DefaultRate && plan.Rate >= DemoBudget.MinimumRate);
            Assert.True(TwoQuietCores.CoresNeeded(20, plan.Rate) <= TwoQuietCores.BudgetCores * 1.01);
            Assert.Contains("sized to this machine", plan.Note, StringComparison.Ordinal);
            Assert.Contains("--nodes", plan.Note, StringComparison.Ordinal);
        }

        [Fact]
        public void ThirtyNodesOnTwoCoresAreRefusedUpFrontWithTheReasonAndWhatFits()
        {
            Assert.Null(DemoPlan.Size(30, TimeSpan.FromSeconds(20), TwoQuietCores, out string refusal));
            Assert.Contains("30 nodes", refusal, StringComparison.Ordinal);
            Assert.Contains("cores", refusal, StringComparison.Ordinal);
            int fits = TwoQuietCores.MaxNodes(DemoBudget.DefaultRate);
            Assert.Contains("--nodes " + fits, refusal, StringComparison.Ordinal);
            Assert.InRange(fits, 2, 29);
            Assert.NotNull(DemoPlan.Size(fits, TimeSpan.FromSeconds(20), TwoQuietCores, out _));
            // More cores (or a quieter machine) take the same fleet.
            Assert.NotNull(DemoPlan.Size(30, TimeSpan.FromSeconds(20), new DemoBudget(8, 1.0, 8), out _));
            Assert.Null(DemoPlan.Size(30, TimeSpan.FromSeconds(20), new DemoBudget(8, 1.0, 0.5), out _));
        }

        [Fact]
        public async Task TheDurationIsAWallClockBoundAndTheLastFrameIsTheSummary()
        {
            // A view that takes 400 ms per frame stands in for a machine that falls behind: the
            // traffic must still stop when the duration is over, not a frame's delay per second later.
            var view = new RecordingView { Delay = TimeSpan.FromMilliseconds(400) };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            FleetDemoResult result = await new FleetDemo(view, DemoPlan.Default(3, TimeSpan.FromSeconds(3))).RunAsync(CancellationToken.None);
            Assert.True(result.Success);
            Assert.InRange(result.DurationSeconds, 2.9, 3.3);
            Assert.True(result.WallSeconds <= 3.3 + FleetDemo.DrainPatience.TotalSeconds + 0.5, "traffic and drain took " + result.WallSeconds + " s");
            Assert.True(result.CpuCores > 0 && result.CpuMicrosecondsPerDelivery > 0);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));

            FleetDemoSnapshot last = view.Frames[^1];
            Assert.True(last.Final);
            Assert.Equal(result.Delivered, last.Delivered);
            Assert.Equal(result.Expected, last.Expected);
            Assert.Equal(result.LatencyP50Ms, last.LatencyP50Ms);
            Assert.Equal(result.LatencyP99Ms, last.LatencyP99Ms);
            // The rows cover the same window as the header: the whole run.
            Assert.Equal(result.Delivered, last.Nodes.Sum(n => n.Delivered));
            Assert.InRange(last.LatencyP99Ms, last.Nodes.Min(n => n.LatencyP99Ms), last.Nodes.Max(n => n.LatencyP99Ms));
        }

        private sealed class RecordingView : IFleetDemoView
        {
            internal List<FleetDemoSnapshot> Frames { get; } = new();

            internal TimeSpan Delay { get; init; }

            public void Joined(int joined, int nodes, double seconds)
            {
            }

            public void Update(FleetDemoSnapshot snapshot)
            {
                Frames.Add(snapshot);
                if (!snapshot.Final)
                {
                    Thread.Sleep(Delay);
                }
            }
        }
    }
}

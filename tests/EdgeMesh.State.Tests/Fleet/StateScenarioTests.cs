using EdgeMesh.Simulation;

namespace EdgeMesh.State.Tests.Fleet
{
    public sealed class StateScenarioTests
    {
        /// <summary>A small version of the fleet-state scenario (the full one runs with <c>edgemesh sim --state</c>): every live node ends with the same digest within the bound.</summary>
        [Fact]
        public void A_small_fleet_converges_after_loss_a_partition_and_restarts_from_disk()
        {
            var options = new StateScenarioOptions { Nodes = 30, Writers = 4, WriteSeconds = 40, PartitionSeconds = 15, DowntimeSeconds = 5, SteadySeconds = 5, Seed = 3 };
            StateReport report = new StateScenario(options).Run();
            Assert.True(report.Converged, "distinct digests: " + report.DistinctDigests);
            Assert.Equal(1, report.DistinctDigests);
            Assert.Equal(3, report.Restarts);
            Assert.True(report.RecordsReplayed > 0);
            Assert.True(report.Writes > 20);
            Assert.True(report.MessagesLost > 0);
            Assert.True(report.FullStatesSent > 0, "the partition must force whole-state exchanges");
            Assert.True(report.ConvergenceMs <= report.BoundMs);
            Assert.Equal(0, report.EntriesRefused);
        }

        [Fact]
        public void The_same_seed_gives_the_same_run()
        {
            var options = new StateScenarioOptions { Nodes = 12, Writers = 2, WriteSeconds = 10, PartitionSeconds = 0, CrashFraction = 0, SteadySeconds = 1, Seed = 9 };
            StateReport a = new StateScenario(options).Run();
            StateReport b = new StateScenario(options).Run();
            Assert.Equal(a.Messages, b.Messages);
            Assert.Equal(a.Writes, b.Writes);
            Assert.Equal(a.ConvergenceMs, b.ConvergenceMs);
        }
    }
}

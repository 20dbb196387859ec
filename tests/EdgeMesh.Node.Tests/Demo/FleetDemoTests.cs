using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Node.Commands;
using EdgeMesh.Node.Demo;

namespace EdgeMesh.Node.Tests.Demo
{
    public sealed class FleetDemoTests
    {
        [Fact]
        public async Task A_small_fleet_joins_and_delivers_everything_including_the_motion_command()
        {
            var live = new StringWriter();
            FleetDemoResult result = await new FleetDemo(new PlainDemoView(live), 3, TimeSpan.FromSeconds(1)).RunAsync(CancellationToken.None);

            Assert.Equal(3, result.Joined);
            Assert.True(result.Published >= 3 * 5, "every node published telemetry every tick");
            Assert.Equal((result.Published - 1) * 2 + 1, result.Expected); // each fleet message to both other nodes, the motion command to one robot
            Assert.Equal(result.Expected, result.Delivered);
            Assert.True(result.MotionDelivered);
            Assert.True(result.Success);
            Assert.Contains("3/3 nodes joined", live.ToString(), StringComparison.Ordinal);

            using JsonDocument json = JsonDocument.Parse(DemoCommand.Json(result));
            Assert.True(json.RootElement.GetProperty("success").GetBoolean());
            Assert.Equal(result.Delivered, json.RootElement.GetProperty("delivered").GetInt64());
        }

        [Fact]
        public void Success_needs_every_node_joined_and_99_percent_delivered()
        {
            Assert.True(new FleetDemoResult { Nodes = 8, Joined = 8, Expected = 1000, Delivered = 990 }.Success);
            Assert.False(new FleetDemoResult { Nodes = 8, Joined = 8, Expected = 1000, Delivered = 989 }.Success);
            Assert.False(new FleetDemoResult { Nodes = 8, Joined = 7, Expected = 1000, Delivered = 1000 }.Success);
            Assert.False(new FleetDemoResult { Nodes = 8, Joined = 8, Expected = 0, Delivered = 0 }.Success);
        }

        [Fact]
        public void Percentiles_use_the_nearest_rank()
        {
            var samples = new List<long> { 5, 1, 4, 2, 3, 6, 7, 8, 9, 100 };
            Assert.Equal(5, FleetDemo.Percentile(samples, 0.50));
            Assert.Equal(100, FleetDemo.Percentile(samples, 0.99));
            Assert.Equal(0, FleetDemo.Percentile(new List<long>(), 0.5));
        }
    }
}

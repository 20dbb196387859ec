using System.CommandLine;
using System.IO;
using System.Text.Json;
using EdgeMesh.Node.Commands;
using EdgeMesh.Simulation;

namespace EdgeMesh.Node.Tests.Commands
{
    /// <summary>`edgemesh sim`: its help and the JSON of the radio mode.</summary>
    public sealed class SimCommandTests
    {
        [Fact]
        public void Help_describes_every_option_including_the_radio_ones()
        {
            Command command = SimCommand.Create();
            Assert.Contains(command.Options, o => o.Name == "--radio");
            Assert.Contains(command.Options, o => o.Name == "--suppression");
            foreach (Option option in command.Options)
            {
                Assert.False(string.IsNullOrWhiteSpace(option.Description), option.Name + " has no description");
            }
        }

        [Fact]
        public void Radio_json_carries_the_flooding_measurements()
        {
            RadioReport report = new RadioScenario(new RadioOptions { Nodes = 30, Messages = 5, Seed = 2 }).Run();
            using var stream = new MemoryStream();
            RadioSimCommand.WriteJson(report, stream);
            using JsonDocument doc = JsonDocument.Parse(stream.ToArray());
            JsonElement root = doc.RootElement;
            Assert.Equal("radio", root.GetProperty("mode").GetString());
            Assert.Equal(report.DeliveryRatio, root.GetProperty("deliveryRatio").GetDouble(), 6);
            Assert.Equal(report.Transmissions, root.GetProperty("transmissions").GetInt64());
            Assert.Equal(report.SuppressedRebroadcasts, root.GetProperty("suppressedRebroadcasts").GetInt64());
            Assert.Equal(report.Events, root.GetProperty("events").GetInt64());
            Assert.Equal(report.TraceHash, root.GetProperty("traceHash").GetString());
            foreach (string field in new[] { "transmissionsPerMessage", "hopsMean", "hopsMax", "latencyP50Ms", "latencyP99Ms", "eventsPerSecond" })
            {
                Assert.True(root.TryGetProperty(field, out _), field);
            }
        }
    }
}

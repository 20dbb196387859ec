using System.IO;
using EdgeMesh.Daemon.Configuration;

namespace EdgeMesh.Daemon.Tests.Configuration
{
    public sealed class NodeConfigTests
    {
        [Fact]
        public void DefaultsAreValidAndSurviveARoundTripThroughTheFile()
        {
            var config = new NodeConfig { Bootstrap = { "10.0.0.2:7411", "tcp://rendezvous.example:7412" } };
            config.Discovery.Ttl = 0;
            config.Tcp.Listen = "0.0.0.0:7412";
            Assert.Empty(config.Validate());
            string path = Path.Combine(Path.GetTempPath(), "edgemesh-config-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                File.WriteAllText(path, config.ToJson());
                Assert.True(NodeConfig.TryLoad(path, out NodeConfig? loaded, out string error), error);
                Assert.Equal(config.ToJson(), loaded!.ToJson());
                Assert.Equal(new[] { "10.0.0.2:7411", "tcp://rendezvous.example:7412" }, loaded.Bootstrap);
                Assert.Equal(0, loaded.Discovery.Ttl);
                Assert.DoesNotContain("profile", File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void TheFileUsesCamelCaseNamesAndAcceptsCommentsAndMissingFields()
        {
            string path = Path.Combine(Path.GetTempPath(), "edgemesh-config-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                File.WriteAllText(path, "{\n  // a robot on the bench\n  \"listen\": \"127.0.0.1:9000\",\n  \"discovery\": { \"enabled\": false },\n}\n");
                Assert.True(NodeConfig.TryLoad(path, out NodeConfig? loaded, out string error), error);
                Assert.Equal("127.0.0.1:9000", loaded!.Listen);
                Assert.False(loaded.Discovery.Enabled);
                Assert.Equal(NodeConfig.DefaultApi, loaded.Api);
                Assert.Equal(1400, loaded.MaxDatagramBytes);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData("{ \"listn\": \"0.0.0.0:7411\" }", "listn")]
        [InlineData("{ \"mode\": \"prod\" }", "mode")]
        [InlineData("{ \"bootstrap\": [\"nohost\"] }", "bootstrap")]
        [InlineData("{ \"listen\": \"tcp://0.0.0.0:1\" }", "listen")]
        [InlineData("{ \"discovery\": { \"group\": \"10.0.0.1\" } }", "discovery.group")]
        [InlineData("{ \"maxDatagramBytes\": 70000 }", "maxDatagramBytes")]
        [InlineData("{ \"tcp\": { \"reconnectInitialMs\": 500, \"reconnectMaxMs\": 100 } }", "tcp.reconnectMaxMs")]
        [InlineData("{ \"dm\": { \"defaultLifetimeSeconds\": 601 } }", "dm.defaultLifetimeSeconds")]
        [InlineData("{ \"dm\": { \"outboxCapacity\": 0 } }", "dm.outboxCapacity")]
        [InlineData("{ \"dm\": { \"allowFrom\": [\"robot-7\"] } }", "dm.allowFrom")]
        [InlineData("{ \"dm\": { \"outbox\": \"x\" } }", "outbox")]
        [InlineData("[1, 2]", "")]
        public void BadFilesAreRefusedWithTheFieldNamed(string json, string field)
        {
            string path = Path.Combine(Path.GetTempPath(), "edgemesh-config-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                File.WriteAllText(path, json);
                Assert.False(NodeConfig.TryLoad(path, out _, out string error));
                Assert.Contains(path, error, StringComparison.Ordinal);
                Assert.Contains(field, error, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}

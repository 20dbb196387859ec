using System.IO;
using EdgeMesh.Daemon.Configuration;

namespace EdgeMesh.Daemon.Tests.Configuration
{
    /// <summary>A configuration file with several mistakes: every one is reported at once, in the file's terms.</summary>
    public sealed class ConfigProblemsTests
    {
        [Fact]
        public void EveryShapeProblemIsListedWithFieldExpectationAndValueAndNoDotNetTypeNames()
        {
            string error = Load("{ \"listen\": 7411, \"maxPayloadBytes\": \"big\", \"discovery\": { \"enabled\": \"yes\", \"ttl\": 1.5 }, \"bootstrap\": \"10.0.0.1:7411\", \"Mode\": \"production\", \"tcp\": { \"lisen\": \"x\" }, \"dm\": { \"allowFrom\": [1] } }");
            Assert.Contains("8 problems", error, StringComparison.Ordinal);
            Assert.Contains("listen: expected text in quotes, found 7411", error, StringComparison.Ordinal);
            Assert.Contains("maxPayloadBytes: expected a whole number, found \"big\"", error, StringComparison.Ordinal);
            Assert.Contains("discovery.enabled: expected true or false, found \"yes\"", error, StringComparison.Ordinal);
            Assert.Contains("discovery.ttl: expected a whole number, found 1.5", error, StringComparison.Ordinal);
            Assert.Contains("bootstrap: expected a list", error, StringComparison.Ordinal);
            Assert.Contains("Mode: unknown field (did you mean \"mode\"?", error, StringComparison.Ordinal);
            Assert.Contains("tcp.lisen: unknown field (did you mean \"listen\"?)", error, StringComparison.Ordinal);
            Assert.Contains("dm.allowFrom[0]: expected text in quotes, found 1", error, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Int32", error, StringComparison.Ordinal);
        }

        [Fact]
        public void EveryValueProblemIsListedToo()
        {
            string error = Load("{ \"maxPayloadBytes\": 0, \"mode\": \"x\", \"security\": { \"maxClockSkewMs\": 5 } }");
            Assert.Contains("3 problems", error, StringComparison.Ordinal);
            Assert.Contains("maxPayloadBytes: 0 is outside 1..65535", error, StringComparison.Ordinal);
            Assert.Contains("mode: 'x'", error, StringComparison.Ordinal);
            Assert.Contains("security.maxClockSkewMs", error, StringComparison.Ordinal);
        }

        [Fact]
        public void AFileThatIsNotJsonSaysWhere()
        {
            string error = Load("{\n  \"listen\": \"127.0.0.1:1\",\n  oops\n}");
            Assert.Contains("not valid JSON at line 3", error, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
        }

        [Fact]
        public void ANumberOutOfItsTypesRangeIsAShapeProblem()
        {
            string error = Load("{ \"discovery\": { \"port\": 99999999999 } }");
            Assert.Contains("discovery.port: expected a whole number, found 99999999999", error, StringComparison.Ordinal);
        }

        private static string Load(string json)
        {
            string path = Path.Combine(Path.GetTempPath(), "edgemesh-config-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                File.WriteAllText(path, json);
                Assert.False(NodeConfig.TryLoad(path, out NodeConfig? config, out string error));
                Assert.Null(config);
                Assert.Contains(path, error, StringComparison.Ordinal);
                return error;
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}

using System.IO;
using System.Text.Json;
using EdgeMesh.Node.Commands;

namespace EdgeMesh.Node.Tests.Bench
{
    public sealed class BenchCommandTests
    {
        [Fact]
        public void A_short_loopback_run_in_development_mode_delivers_and_reports_every_field()
        {
            (int exit, string output, string error) = Run("bench", "loopback", "--mode", "development", "--seconds", "1", "--warmup", "0.5", "--json");

            Assert.True(exit == ExitCodes.Success, error);
            using JsonDocument json = JsonDocument.Parse(output);
            JsonElement root = json.RootElement;
            Assert.True(root.GetProperty("delivered").GetInt64() > 0);
            Assert.True(root.GetProperty("delivered").GetInt64() <= root.GetProperty("sent").GetInt64());
            Assert.True(root.GetProperty("messagesPerSecond").GetDouble() > 0);
            Assert.Equal("development", root.GetProperty("mode").GetString());
            Assert.Equal(64, root.GetProperty("payloadBytes").GetInt32());
            Assert.True(root.GetProperty("latencyP50Us").GetDouble() > 0);
            Assert.True(root.GetProperty("latencyP999Us").GetDouble() >= root.GetProperty("latencyP99Us").GetDouble());
            Assert.True(root.GetProperty("latencyP99Us").GetDouble() >= root.GetProperty("latencyP50Us").GetDouble());
            Assert.True(root.GetProperty("rssStartBytes").GetInt64() > 0);
            Assert.True(root.GetProperty("rssEndBytes").GetInt64() > 0);
        }

        [Theory]
        [InlineData("loopback", "--payload", "8")]
        [InlineData("loopback", "--payload", "1025")]
        [InlineData("loopback", "--seconds", "0")]
        [InlineData("loopback", "--window", "0")]
        [InlineData("loopback", "--mode", "paranoid")]
        [InlineData("loopback", "--datagram-bytes", "100")]
        [InlineData("mqtt", "--broker", "localhost")]
        public void Bad_arguments_exit_with_the_usage_code(string bench, string option, string value)
        {
            (int exit, _, string error) = Run("bench", bench, option, value);

            Assert.Equal(ExitCodes.Usage, exit);
            Assert.Contains("edgemesh bench:", error, StringComparison.Ordinal);
        }

        private static (int Exit, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = CommandCatalog.CreateRoot(TimeProvider.System).Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }
    }
}

using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Node.Commands;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMesh.Node.Tests.Cli
{
    /// <summary>`edgemesh send` and `edgemesh inbox`: arguments, exit codes, output, and a round trip through an in-process node.</summary>
    public sealed class DmCommandTests : IDisposable
    {
        private const string SomeNode = "0123456789abcdef";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "edgemesh-dmcli-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void HelpDescribesTheOptionsAndTheAcknowledgementRule()
        {
            (int code, string output, _) = Run("send", "--help");
            Assert.Equal(ExitCodes.Success, code);
            foreach (string expected in new[] { "NODE_ID", "TEXT", "--timeout", "--json", "--api", "acknowledged" })
            {
                Assert.Contains(expected, output, StringComparison.Ordinal);
            }

            (code, output, _) = Run("inbox", "--help");
            Assert.Equal(ExitCodes.Success, code);
            Assert.Contains("--wait", output, StringComparison.Ordinal);
            Assert.Contains("--count", output, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("send", "not-a-node", "hi")]
        [InlineData("send", SomeNode, "hi", "--timeout", "-1")]
        [InlineData("send", SomeNode, "hi", "--lifetime", "601")]
        [InlineData("send", SomeNode, "hi", "--api", "ftp://host")]
        [InlineData("inbox", "--wait", "-2")]
        [InlineData("inbox", "--count", "-1")]
        [InlineData("send")] // parse errors of any command: CommandCatalog.Invoke
        [InlineData("inbox", "--no-such-option")]
        [InlineData("keygen", "--no-such-option")]
        [InlineData("no-such-command")]
        [InlineData("dm-bench", "--window", "many")]
        public void BadArgumentsAreUsageErrors(params string[] args)
        {
            (int code, _, string error) = Run(args);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.False(string.IsNullOrWhiteSpace(error));
        }

        [Fact]
        public void AMissingArgumentIsRefusedByTheParser()
        {
            (int code, _, string error) = Run("send", SomeNode);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("argument", error, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void HelpIsNotAParseErrorEvenWithArgumentsMissing()
        {
            Assert.Equal(ExitCodes.Success, Run("send", "--help").Code);
        }

        [Fact]
        public void AnUnreachableNodeIsReportedWithItsOwnExitCode()
        {
            (int code, _, string error) = Run("send", SomeNode, "hi", "--timeout", "1", "--api", "http://127.0.0.1:9");
            Assert.Equal(ExitCodes.Unavailable, code);
            Assert.Contains("cannot reach the node", error, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Unavailable, Run("inbox", "--api", "http://127.0.0.1:9").Code);
        }

        [Theory]
        [InlineData("accepted", ExitCodes.Success)]
        [InlineData("rejected", ExitCodes.Failure)]
        [InlineData("timeout", ExitCodes.Timeout)]
        public void OnlyAnAcknowledgementExitsWithZero(string status, int expected)
        {
            Assert.Equal(expected, DmCommands.ExitCodeOf(new DmSendResponse { Status = status }));
        }

        [Fact]
        public async Task SendToItselfIsAcknowledgedAndInboxPrintsOneJsonObjectPerLine()
        {
            Directory.CreateDirectory(_root);
            string fleet = Path.Combine(_root, "fleet");
            string dir = Path.Combine(_root, "node");
            Assert.Equal(0, Run("fleet", "init", "--out", fleet).Code);
            Assert.Equal(0, Run("init", "--dir", dir, "--fleet", fleet, "--listen", "127.0.0.1:0", "--api", "127.0.0.1:0").Code);
            Assert.True(NodeConfig.TryLoad(Path.Combine(dir, NodeConfig.FileName), out NodeConfig? config, out string error), error);
            config!.Discovery.Enabled = false;
            Assert.True(MeshNode.TryCreate(dir, config, NullLoggerFactory.Instance, TimeProvider.System, out MeshNode? node, out error), error);
            using (node)
            {
                await node!.StartAsync(CancellationToken.None);
                Assert.True(LocalApi.TryCreate(node, config, dir, LogLevel.None, out LocalApi? api, out error), error);
                await using (api)
                {
                    await api!.StartAsync(CancellationToken.None);
                    string url = "http://" + api.EndPoint;
                    string self = node.Id.ToString();

                    (int code, string output, string stderr) = await Task.Run(() => Run("send", self, "hello me", "--json", "--timeout", "5", "--api", url));
                    Assert.True(code == ExitCodes.Success, output + stderr);
                    using JsonDocument receipt = JsonDocument.Parse(output);
                    Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
                    Assert.Equal("loopback", receipt.RootElement.GetProperty("path").GetString());
                    Assert.Equal(1, receipt.RootElement.GetProperty("attempts").GetInt32());
                    string requestId = receipt.RootElement.GetProperty("requestId").GetString()!;
                    Assert.Equal(32, requestId.Length);

                    Assert.Equal(ExitCodes.Success, (await Task.Run(() => Run("send", self, "second", "--api", url))).Code);
                    (code, output, _) = await Task.Run(() => Run("inbox", "--json", "--wait", "5", "--count", "2", "--api", url));
                    Assert.Equal(ExitCodes.Success, code);
                    string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    Assert.Equal(2, lines.Length);
                    using JsonDocument first = JsonDocument.Parse(lines[0]);
                    Assert.Equal(self, first.RootElement.GetProperty("sender").GetString());
                    Assert.Equal(requestId, first.RootElement.GetProperty("requestId").GetString());
                    Assert.Equal("hello me", first.RootElement.GetProperty("text").GetString());
                    Assert.True(DateTimeOffset.TryParse(first.RootElement.GetProperty("receivedAt").GetString(), out _));

                    // Nothing left: a short wait for one more ends with the timeout exit code.
                    Assert.Equal(ExitCodes.Timeout, (await Task.Run(() => Run("inbox", "--wait", "0.2", "--count", "1", "--api", url))).Code);
                }

                await node.StopAsync();
            }
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        private static (int Code, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = CommandCatalog.Invoke(args, TimeProvider.System, new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }
    }
}

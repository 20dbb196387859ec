using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Node.Commands;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Node.Tests.Cli
{
    /// <summary>What a new user trips over: init, numeric options, pub sizes, missing directories, tokens, JSON lines, taken ports.</summary>
    public sealed class NewUserCommandTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "edgemesh-newuser-" + Guid.NewGuid().ToString("N"));

        public NewUserCommandTests()
        {
            Directory.CreateDirectory(_root);
        }

        private string Fleet => Path.Combine(_root, "fleet");

        private string NodeDir => Path.Combine(_root, "node");

        [Fact]
        public void InitDoesNotReplaceAnEnrolledCertificateWithoutForceAndForceTakesExpires()
        {
            Assert.Equal(0, CliRun.InProcess("fleet", "init", "--out", Fleet).Code);
            Assert.Equal(0, CliRun.InProcess("keygen", "--out", NodeDir).Code);
            Assert.Equal(0, CliRun.InProcess("fleet", "enroll", "--fleet", Fleet, "--node", NodeDir, "--role", "robot", "--expires", "2027-06-01").Code);
            byte[] enrolled = File.ReadAllBytes(Path.Combine(NodeDir, "node.cert"));

            (int code, _, string error) = CliRun.InProcess("init", "--dir", NodeDir, "--fleet", Fleet);
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("2027-06-01", error, StringComparison.Ordinal);
            Assert.Contains("--force", error, StringComparison.Ordinal);
            Assert.Equal(enrolled, File.ReadAllBytes(Path.Combine(NodeDir, "node.cert")));
            Assert.False(File.Exists(Path.Combine(NodeDir, "edgemesh.json")));

            // Without --fleet the certificate is simply kept.
            Assert.Equal(0, CliRun.InProcess("init", "--dir", NodeDir).Code);
            Assert.Equal(enrolled, File.ReadAllBytes(Path.Combine(NodeDir, "node.cert")));

            (code, string output, error) = CliRun.InProcess("init", "--dir", NodeDir, "--fleet", Fleet, "--force", "--expires", "2028-02-03");
            Assert.True(code == 0, error);
            Assert.Contains("2028-02-03", output, StringComparison.Ordinal);
            Assert.Equal(AdmissionError.None, NodeCertificate.TryParse(File.ReadAllBytes(Path.Combine(NodeDir, "node.cert")), out NodeCertificate reissued));
            Assert.Equal(new DateTimeOffset(2028, 2, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), reissued.NotAfterMs);
        }

        [Fact]
        public void InitWithAMissingFleetChecksFirstAndWritesNothing()
        {
            (int code, _, string error) = CliRun.InProcess("init", "--dir", NodeDir, "--fleet", Path.Combine(_root, "no-such-fleet"));
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("fleet init", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(NodeDir), "init left a half-made directory");

            Assert.Equal(ExitCodes.Failure, CliRun.InProcess("init", "--dir", NodeDir, "--expires", "2027-01-01").Code);
            Assert.False(Directory.Exists(NodeDir));
        }

        [Theory]
        [InlineData("sub", "t", "--count", "-1")]
        [InlineData("sub", "t", "--timeout", "-5")]
        [InlineData("sub", "t", "--timeout", "NaN")]
        [InlineData("sub", "t", "--timeout", "1e300")]
        [InlineData("inbox", "--count", "-1")]
        [InlineData("inbox", "--wait", "-5")]
        [InlineData("send", "0123456789abcdef", "hi", "--timeout", "-1")]
        [InlineData("demo", "--nodes", "1")]
        [InlineData("demo", "--duration", "0")]
        [InlineData("demo", "wire", "--mtu", "3")]
        [InlineData("bench", "loopback", "--payload", "8")]
        [InlineData("bench", "loopback", "--seconds", "-1")]
        [InlineData("bench", "loopback", "--window", "0")]
        [InlineData("bench", "loopback", "--datagram-bytes", "10")]
        [InlineData("dm-bench", "--window", "0")]
        [InlineData("dm-bench", "--messages", "-3")]
        [InlineData("sim", "--loss", "2")]
        [InlineData("sim", "--nodes", "-1")]
        [InlineData("sim", "--radio", "--hop-limit", "99")]
        public void ANumericOptionOutOfRangeIsAUsageError(params string[] args)
        {
            // The client commands get an address nothing listens on: a range check must refuse before any call.
            string[] line = args[0] is "sub" or "inbox" or "send" ? args.Concat(new[] { "--api", "http://127.0.0.1:9" }).ToArray() : args;
            (int code, _, _) = CliRun.InProcess(line);
            Assert.Equal(ExitCodes.Usage, code);
        }

        [Fact]
        public void RunOnAMissingDirectorySaysSoAndSuggestsInit()
        {
            (int code, _, string error) = CliRun.InProcess("run", "--dir", NodeDir);
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("does not exist", error, StringComparison.Ordinal);
            Assert.Contains("edgemesh init --dir " + NodeDir, error, StringComparison.Ordinal);
        }

        [Fact]
        public void RevokingAnIdTheFleetNeverEnrolledSaysSo()
        {
            Assert.Equal(0, CliRun.InProcess("fleet", "init", "--out", Fleet).Code);
            Assert.Equal(0, CliRun.InProcess("init", "--dir", NodeDir, "--fleet", Fleet).Code);
            string enrolled = CliRun.InProcess("id", "--dir", NodeDir).Output.Trim();

            (int code, string output, _) = CliRun.InProcess("fleet", "revoke", "--fleet", Fleet, "--node-id", "00000000000000aa");
            Assert.Equal(0, code);
            Assert.Contains("never enrolled", output, StringComparison.Ordinal);

            (code, output, _) = CliRun.InProcess("fleet", "revoke", "--fleet", Fleet, "--node-id", enrolled);
            Assert.Equal(0, code);
            Assert.DoesNotContain("never enrolled", output, StringComparison.Ordinal);
            Assert.Contains("version 2", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task PubRefusesAnyPayloadOverTheLimitWithTheSameTooLargeErrorFromTextFileOrStdin()
        {
            await using LocalNode node = await LocalNode.StartAsync(_root);
            Assert.Equal(0, (await Task.Run(() => CliRun.InProcess("pub", "t", "hello", "--api", node.Url))).Code);
            var errors = new List<string>();
            foreach (int length in new[] { 1_024, 120_000 })
            {
                (int code, _, string error) = await Task.Run(() => CliRun.InProcess("pub", "t", new string('x', length), "--api", node.Url));
                Assert.Equal(ExitCodes.Failure, code);
                errors.Add(System.Text.RegularExpressions.Regex.Replace(error, "the payload is [0-9]+ bytes", "the payload is N bytes"));
            }

            string big = Path.Combine(_root, "big.txt");
            File.WriteAllText(big, new string('y', 1 << 20));
            (int fileCode, _, string fileError) = await Task.Run(() => CliRun.InProcess("pub", "t", "--file", big, "--api", node.Url));
            Assert.Equal(ExitCodes.Failure, fileCode);
            foreach (string error in errors.Append(fileError))
            {
                Assert.Contains("TooLarge", error, StringComparison.Ordinal);
                Assert.Contains("at most 1024", error, StringComparison.Ordinal);
            }

            Assert.Equal(errors[0], errors[1]);

            (int stdinCode, _, string stdinError) = await Task.Run(() => EdgemeshExe.Run(null, Encoding.UTF8.GetBytes(new string('z', 1 << 20)), "pub", "t", "-", "--api", node.Url));
            Assert.Equal(ExitCodes.Failure, stdinCode);
            Assert.Contains("TooLarge", stdinError, StringComparison.Ordinal);
            (stdinCode, _, stdinError) = await Task.Run(() => EdgemeshExe.Run(null, Encoding.UTF8.GetBytes("from stdin"), "pub", "t", "-", "--api", node.Url));
            Assert.True(stdinCode == 0, stdinError);
            Assert.Equal(ExitCodes.Usage, CliRun.InProcess("pub", "t", "--api", node.Url).Code); // no payload at all
        }

        [Fact]
        public async Task AWrongTokenIsCalledWrongAndAMissingOneMissing()
        {
            const string token = "the-right-token-0123456789";
            await using LocalNode node = await LocalNode.StartAsync(_root, token);
            (int code, _, string error) = await Task.Run(() => EdgemeshExe.Run(new Dictionary<string, string> { ["EDGEMESH_API_TOKEN"] = "a-wrong-token-0123456789" }, null, "status", "--api", node.Url));
            Assert.Equal(ExitCodes.Unavailable, code);
            Assert.Contains("wrong", error, StringComparison.Ordinal);
            Assert.DoesNotContain("set $EDGEMESH_API_TOKEN", error, StringComparison.Ordinal);

            (code, _, error) = await Task.Run(() => EdgemeshExe.Run(null, null, "status", "--api", node.Url));
            Assert.Equal(ExitCodes.Unavailable, code);
            Assert.Contains("requires a token", error, StringComparison.Ordinal);

            (code, string output, error) = await Task.Run(() => EdgemeshExe.Run(new Dictionary<string, string> { ["EDGEMESH_API_TOKEN"] = token }, null, "status", "--api", node.Url));
            Assert.True(code == 0, error);
            Assert.Contains(node.Node.Id.ToString(), output, StringComparison.Ordinal);
        }

        [Fact]
        public void ApiHelpShowsTheValueOfTheEnvironmentVariable()
        {
            (int code, string output, _) = EdgemeshExe.Run(new Dictionary<string, string> { ["EDGEMESH_API"] = "http://10.9.8.7:7499" }, null, "status", "--help");
            Assert.Equal(0, code);
            Assert.Contains("http://10.9.8.7:7499", output, StringComparison.Ordinal);
            (_, output, _) = EdgemeshExe.Run(null, null, "peers", "--help");
            Assert.DoesNotContain("10.9.8.7", output, StringComparison.Ordinal);
        }

        [Fact]
        public async Task StatusWatchJsonPrintsOneObjectPerLineAndInterval()
        {
            await using LocalNode node = await LocalNode.StartAsync(_root);
            using var client = new ApiClient(new Uri(node.Url), TimeSpan.FromSeconds(5));
            var output = new StringWriter();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));
            Assert.Equal(ExitCodes.Success, await StatusWatch.RunAsync(client, output, json: true, stop.Token));
            string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.InRange(lines.Length, 2, 4);
            foreach (string line in lines)
            {
                NodeStatus status = JsonSerializer.Deserialize(line, ApiJsonContext.Default.NodeStatus)!;
                Assert.Equal(node.Node.Id.ToString(), status.NodeId);
            }
        }

        [Fact]
        public void SimJsonIsOneLine()
        {
            (int code, string output, string error) = EdgemeshExe.Run(null, null, "sim", "--nodes", "12", "--messages", "3", "--json");
            Assert.True(code == 0, error);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            using JsonDocument document = JsonDocument.Parse(lines[0]);
            Assert.Equal(12, document.RootElement.GetProperty("nodes").GetInt32());
        }

        [Fact]
        public void ATakenPortIsOneLineNamingThePortAndItsSetting()
        {
            Assert.Equal(0, CliRun.InProcess("fleet", "init", "--out", Fleet).Code);
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            int udpPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            try
            {
                int tcpPort = ((IPEndPoint)tcp.LocalEndpoint).Port;
                string a = Path.Combine(_root, "a");
                string b = Path.Combine(_root, "b");
                Assert.Equal(0, CliRun.InProcess("init", "--dir", a, "--fleet", Fleet, "--listen", "127.0.0.1:" + udpPort, "--api", "127.0.0.1:0").Code);
                Assert.Equal(0, CliRun.InProcess("init", "--dir", b, "--fleet", Fleet, "--listen", "127.0.0.1:0", "--api", "127.0.0.1:" + tcpPort).Code);
                foreach (string dir in new[] { a, b })
                {
                    string config = Path.Combine(dir, "edgemesh.json");
                    File.WriteAllText(config, File.ReadAllText(config).Replace("\"enabled\": true", "\"enabled\": false", StringComparison.Ordinal));
                }

                (int code, string output, string error) = EdgemeshExe.Run(null, null, "run", "--dir", a);
                Assert.Equal(ExitCodes.Failure, code);
                Assert.Contains("listen: UDP port " + udpPort + " ", error, StringComparison.Ordinal);
                Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

                (code, output, error) = EdgemeshExe.Run(null, null, "run", "--dir", b);
                Assert.Equal(ExitCodes.Failure, code);
                Assert.Contains("api: TCP port " + tcpPort + " ", error, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
            }
            finally
            {
                tcp.Stop();
            }
        }

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeMesh.Daemon.Tests.Transport;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>
    /// Direct messages between `edgemesh run` processes (production mode, a throwaway fleet, loopback
    /// only), driven through the CLI and the local API. Attempts time out after 500 ms here so a
    /// retry after a restart comes within the test's patience.
    /// </summary>
    public sealed class DirectMessageProcessTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "edgemesh-dmprocs-" + Guid.NewGuid().ToString("N"));
        private readonly List<EdgemeshProcess> _processes = new();
        private readonly string[] _dirs = new string[2];
        private readonly string[] _apis = new string[2];

        public DirectMessageProcessTests()
        {
            Directory.CreateDirectory(_root);
            string fleet = Path.Combine(_root, "fleet");
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("fleet", "init", "--out", fleet));
            int discoveryPort = UdpTransportTests.FreeUdpPort();
            for (int i = 0; i < 2; i++)
            {
                _dirs[i] = Path.Combine(_root, "n" + i);
                _apis[i] = "127.0.0.1:" + MultiProcessTests.FreeTcpPort();
                MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("init", "--dir", _dirs[i], "--fleet", fleet, "--listen", "127.0.0.1:" + UdpTransportTests.FreeUdpPort(), "--api", _apis[i]));
                MultiProcessTests.KeepDiscoveryOnThisHost(
                    Path.Combine(_dirs[i], "edgemesh.json"),
                    discoveryPort,
                    config => config["dm"] = new JsonObject { ["attemptTimeoutMs"] = 500, ["backoffBaseMs"] = 100, ["backoffMaxMs"] = 500 });
            }
        }

        [Fact]
        public async Task TwoDaemonsExchangeADirectMessageThroughTheCli()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            EdgemeshProcess[] nodes = { Start(0), Start(1) };
            await MultiProcessTests.Until(async () => await nodes[0].PeersIn("active") == 1 && await nodes[1].PeersIn("active") == 1, nodes, timeout.Token);
            string recipient = await nodes[1].NodeId();

            (int code, string output) = EdgemeshProcess.RunToEnd("send", recipient, "hello from n0", "--json", "--timeout", "10", "--api", "http://" + _apis[0]);
            Assert.True(code == 0, output);
            using JsonDocument receipt = JsonDocument.Parse(output);
            Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
            Assert.Equal("direct", receipt.RootElement.GetProperty("path").GetString());
            Assert.True(receipt.RootElement.GetProperty("attempts").GetInt32() >= 1);

            (code, output) = EdgemeshProcess.RunToEnd("inbox", "--json", "--wait", "5", "--count", "1", "--api", "http://" + _apis[1]);
            Assert.True(code == 0, output);
            using JsonDocument message = JsonDocument.Parse(output.Trim());
            Assert.Equal("hello from n0", message.RootElement.GetProperty("text").GetString());
            Assert.Equal(await nodes[0].NodeId(), message.RootElement.GetProperty("sender").GetString());
            Assert.Equal(receipt.RootElement.GetProperty("requestId").GetString(), message.RootElement.GetProperty("requestId").GetString());

            // `inbox` confirms what it printed: nothing stays leased, nothing will come back.
            using JsonDocument status = JsonDocument.Parse(await nodes[1].Api.GetStringAsync("/v1/status"));
            JsonElement direct = status.RootElement.GetProperty("counters").GetProperty("direct");
            Assert.Equal(0, direct.GetProperty("dm_inbox_leased").GetInt64());
            Assert.Equal(0, direct.GetProperty("dm_inbox_messages").GetInt64());
        }

        [Fact]
        public async Task AMessageAcceptedBeforeTheSenderIsKilledIsDeliveredExactlyOnceAfterItRestarts()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            CancellationToken ct = timeout.Token;
            EdgemeshProcess[] nodes = { Start(0), Start(1) };
            await MultiProcessTests.Until(async () => await nodes[0].PeersIn("active") == 1 && await nodes[1].PeersIn("active") == 1, nodes, ct);
            string recipient = await nodes[1].NodeId();

            // The recipient goes down; the sender accepts a message it cannot deliver yet and is killed.
            nodes[1].Kill();
            using (HttpResponseMessage queued = await nodes[0].Api.PostAsJsonAsync("/v1/dm", new Dictionary<string, object> { ["recipient"] = recipient, ["text"] = "survives a restart", ["timeout"] = 0 }, ct))
            {
                Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            }

            nodes[0].Kill();
            Assert.Single(Directory.GetFiles(Path.Combine(_dirs[0], "dm-outbox"), "*.dm"));

            nodes[0] = Start(0);
            await Task.Delay(300, ct); // the sender retries alone for a moment
            nodes[1] = Start(1);
            await MultiProcessTests.Until(async () => await nodes[1].PeersIn("active") == 1, nodes, ct);
            (int code, string output) = EdgemeshProcess.RunToEnd("inbox", "--json", "--wait", "20", "--count", "1", "--api", "http://" + _apis[1]);
            Assert.True(code == 0, output + "\n---\n" + nodes[0].Output + "\n---\n" + nodes[1].Output);
            using (JsonDocument message = JsonDocument.Parse(output.Trim()))
            {
                Assert.Equal("survives a restart", message.RootElement.GetProperty("text").GetString());
            }

            // The sender learns of the acknowledgement and frees the outbox; nothing is delivered twice.
            await MultiProcessTests.Until(async () => DirectCounter(await nodes[0].Api.GetStringAsync("/v1/status", ct), "dm_receipts_accepted") == 1, nodes, ct);
            Assert.Empty(Directory.GetFiles(Path.Combine(_dirs[0], "dm-outbox"), "*.dm"));
            (code, output) = EdgemeshProcess.RunToEnd("inbox", "--json", "--wait", "1", "--api", "http://" + _apis[1]);
            Assert.Equal(0, code);
            Assert.Equal(string.Empty, output.Trim());
            Assert.Equal(1, DirectCounter(await nodes[1].Api.GetStringAsync("/v1/status", ct), "dm_delivered"));
        }

        public void Dispose()
        {
            foreach (EdgemeshProcess process in _processes)
            {
                process.Dispose();
            }

            Directory.Delete(_root, recursive: true);
        }

        private static long DirectCounter(string status, string name)
        {
            using JsonDocument json = JsonDocument.Parse(status);
            return json.RootElement.GetProperty("counters").GetProperty("direct").TryGetProperty(name, out JsonElement value) ? value.GetInt64() : 0;
        }

        private EdgemeshProcess Start(int index)
        {
            EdgemeshProcess process = EdgemeshProcess.Run(_dirs[index], _apis[index]);
            _processes.Add(process);
            return process;
        }
    }
}

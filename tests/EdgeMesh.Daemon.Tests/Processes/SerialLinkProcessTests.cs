using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>
    /// Two `edgemesh run` daemons (production mode) whose only connection is a serial line: a pty
    /// pair made by socat. No bootstrap, no discovery, so no UDP traffic can join them.
    /// </summary>
    [Trait("Category", "Process")]
    public sealed class SerialLinkProcessTests : IDisposable
    {
        private const string Topic = "fleet/serial";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "edgemesh-serial-" + Guid.NewGuid().ToString("N"));
        private readonly List<EdgemeshProcess> _processes = new();
        private readonly PtyPair _line;

        public SerialLinkProcessTests()
        {
            Directory.CreateDirectory(_root);
            _line = new PtyPair(_root);
        }

        [Fact]
        public async Task TwoDaemonsOnlyJoinedByASerialLineExchangePublicationsAndADirectMessageSurviveGarbageAndAReplug()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            CancellationToken ct = timeout.Token;
            string fleet = Path.Combine(_root, "fleet");
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("fleet", "init", "--out", fleet));
            EdgemeshProcess a = StartNode("a", fleet, _line.EndA);
            EdgemeshProcess b = StartNode("b", fleet, _line.EndB);
            EdgemeshProcess[] nodes = { a, b };
            await MultiProcessTests.Until(async () => await a.PeersIn("active") == 1 && await b.PeersIn("active") == 1, nodes, ct);
            Assert.Contains("serial:" + _line.EndB, await PeerAddresses(b));

            using (EventStream onB = await EventStream.OpenAsync(b.Api.BaseAddress!, Topic, ct))
            {
                await Publish(a, "over the wire");
                Assert.Equal("over the wire", await onB.NextTextAsync(ct));

                // Garbage on the line: COBS records with bad checksums, stray delimiters and noise.
                var noise = new byte[4096];
                new Random(7).NextBytes(noise);
                _line.InjectIntoA(noise);
                await MultiProcessTests.Until(async () => await Counter(b, "serial.LineNoise") > 0, nodes, ct);
                await Publish(a, "still talking after the noise");
                Assert.Equal("still talking after the noise", await onB.NextTextAsync(ct));
            }

            string recipient = await b.NodeId();
            (int code, string output) = EdgemeshProcess.RunToEnd("send", recipient, "dm over serial", "--json", "--timeout", "20", "--api", a.Api.BaseAddress!.ToString().TrimEnd('/'));
            Assert.True(code == 0, output + "\n---\n" + a.Output + "\n---\n" + b.Output);
            (code, output) = EdgemeshProcess.RunToEnd("inbox", "--json", "--wait", "10", "--count", "1", "--api", b.Api.BaseAddress!.ToString().TrimEnd('/'));
            Assert.True(code == 0, output);
            using (JsonDocument message = JsonDocument.Parse(output.Trim()))
            {
                Assert.Equal("dm over serial", message.RootElement.GetProperty("text").GetString());
            }

            // The adapter is pulled and plugged back: both daemons reopen the device and carry on.
            long opensBefore = await Counter(b, "serial.Connects");
            _line.Unplug();
            await MultiProcessTests.Until(async () => await Counter(b, "serial.Disconnects") >= 1 && await Counter(a, "serial.Disconnects") >= 1, nodes, ct);
            _line.PlugIn();
            await MultiProcessTests.Until(async () => await Counter(b, "serial.Connects") > opensBefore && await Counter(a, "serial.Connects") > opensBefore, nodes, ct);
            using (EventStream onB = await EventStream.OpenAsync(b.Api.BaseAddress!, Topic, ct))
            {
                await PublishUntilHeard(a, onB, "after the replug", ct);
            }
        }

        public void Dispose()
        {
            foreach (EdgemeshProcess process in _processes)
            {
                process.Dispose();
            }

            _line.Dispose();
            Directory.Delete(_root, recursive: true);
        }

        private EdgemeshProcess StartNode(string name, string fleet, string device)
        {
            string dir = Path.Combine(_root, name);
            string api = "127.0.0.1:" + MultiProcessTests.FreeTcpPort();
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("init", "--dir", dir, "--fleet", fleet, "--listen", "127.0.0.1:0", "--api", api));
            string file = Path.Combine(dir, "edgemesh.json");
            JsonNode config = JsonNode.Parse(File.ReadAllText(file))!;
            config["discovery"]!["enabled"] = false;
            config["serial"] = new JsonArray(new JsonObject { ["device"] = device, ["baudRate"] = 115200, ["reopenMaxMs"] = 500 });
            config["dm"] = new JsonObject { ["attemptTimeoutMs"] = 1000, ["backoffBaseMs"] = 200, ["backoffMaxMs"] = 1000 };
            File.WriteAllText(file, config.ToJsonString());
            EdgemeshProcess process = EdgemeshProcess.Run(dir, api);
            _processes.Add(process);
            return process;
        }

        private static async Task Publish(EdgemeshProcess node, string text)
        {
            using var response = await node.Api.PostAsJsonAsync("/v1/publish", new Dictionary<string, string> { ["topic"] = Topic, ["text"] = text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        /// <summary>
        /// Right after a replug the gossip layer may still be repairing its tree: publish again until a
        /// copy arrives. One read stays pending throughout (cancelling a read would close the stream).
        /// </summary>
        private static async Task PublishUntilHeard(EdgemeshProcess node, EventStream stream, string text, CancellationToken ct)
        {
            Task<string> next = stream.NextTextAsync(ct);
            for (int attempt = 0; attempt < 30; attempt++)
            {
                await Publish(node, text + " #" + attempt);
                if (await Task.WhenAny(next, Task.Delay(1_000, ct)) == next)
                {
                    Assert.StartsWith(text, await next, StringComparison.Ordinal);
                    return;
                }
            }

            Assert.Fail("no publication crossed the serial line within 30 s of it being plugged back in");
        }

        private static async Task<long> Counter(EdgemeshProcess node, string name)
        {
            using JsonDocument status = JsonDocument.Parse(await node.Api.GetStringAsync("/v1/status"));
            return status.RootElement.GetProperty("counters").GetProperty("transport").TryGetProperty(name, out JsonElement value) ? value.GetInt64() : 0;
        }

        private static async Task<List<string>> PeerAddresses(EdgemeshProcess node)
        {
            using JsonDocument peers = JsonDocument.Parse(await node.Api.GetStringAsync("/v1/peers"));
            return peers.RootElement.EnumerateArray().Select(p => p.GetProperty("address").GetString() ?? string.Empty).ToList();
        }
    }
}

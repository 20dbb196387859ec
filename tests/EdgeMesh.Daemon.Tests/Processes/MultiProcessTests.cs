using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EdgeMesh.Daemon.Tests.Transport;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>
    /// Three `edgemesh run` processes (the built executable, production mode, a throwaway fleet) on
    /// loopback: discovery stays on this host (interface 127.0.0.1, multicast TTL 0).
    /// </summary>
    public sealed class MultiProcessTests : IDisposable
    {
        private const string Topic = "fleet/chat";
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
        private readonly string _root = Path.Combine(Path.GetTempPath(), "edgemesh-procs-" + Guid.NewGuid().ToString("N"));
        private readonly List<EdgemeshProcess> _processes = new();

        public MultiProcessTests()
        {
            Directory.CreateDirectory(_root);
        }

        [Fact]
        public async Task ThreeDaemonsDeliverPubSubKeepDeliveringAfterOneIsKilledAndItRejoinsAfterRestart()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            CancellationToken ct = timeout.Token;
            string fleet = Path.Combine(_root, "fleet");
            Succeeds(EdgemeshProcess.RunToEnd("fleet", "init", "--out", fleet));
            int discoveryPort = UdpTransportTests.FreeUdpPort();
            var dirs = new string[3];
            var apis = new string[3];
            for (int i = 0; i < 3; i++)
            {
                dirs[i] = Path.Combine(_root, "n" + i);
                apis[i] = "127.0.0.1:" + FreeTcpPort();
                Succeeds(EdgemeshProcess.RunToEnd("init", "--dir", dirs[i], "--fleet", fleet, "--listen", "127.0.0.1:" + UdpTransportTests.FreeUdpPort(), "--api", apis[i]));
                KeepDiscoveryOnThisHost(Path.Combine(dirs[i], "edgemesh.json"), discoveryPort);
            }

            EdgemeshProcess[] nodes = Enumerable.Range(0, 3).Select(i => Start(dirs[i], apis[i])).ToArray();
            await Until(async () => (await Task.WhenAll(nodes.Select(n => n.PeersIn("active")))).All(a => a == 2), nodes, ct);

            using EventStream on0 = await EventStream.OpenAsync(nodes[0].Api.BaseAddress!, Topic, ct);
            using EventStream on2 = await EventStream.OpenAsync(nodes[2].Api.BaseAddress!, Topic, ct);
            await Publish(nodes[1], "from n1");
            Assert.Equal("from n1", await on0.NextTextAsync(ct));
            Assert.Equal("from n1", await on2.NextTextAsync(ct));

            nodes[1].Kill();
            await Publish(nodes[0], "from n0 after the kill");
            Assert.Equal("from n0 after the kill", await on0.NextTextAsync(ct)); // a node's own subscribers
            Assert.Equal("from n0 after the kill", await on2.NextTextAsync(ct));
            await Publish(nodes[2], "from n2 after the kill");
            Assert.Equal("from n2 after the kill", await on0.NextTextAsync(ct));
            Assert.Equal("from n2 after the kill", await on2.NextTextAsync(ct));

            nodes[1] = Start(dirs[1], apis[1]);
            await Until(async () => await nodes[1].PeersIn("active") >= 1 && await nodes[0].PeersIn("active") == 2, nodes, ct);
            using EventStream on1 = await EventStream.OpenAsync(nodes[1].Api.BaseAddress!, Topic, ct);
            await Publish(nodes[0], "welcome back");
            Assert.Equal("welcome back", await on1.NextTextAsync(ct));
        }

        public void Dispose()
        {
            foreach (EdgemeshProcess process in _processes)
            {
                process.Dispose();
            }

            Directory.Delete(_root, recursive: true);
        }

        private EdgemeshProcess Start(string dir, string api)
        {
            EdgemeshProcess process = EdgemeshProcess.Run(dir, api);
            _processes.Add(process);
            return process;
        }

        internal static void Succeeds((int ExitCode, string Output) result)
        {
            Assert.True(result.ExitCode == 0, result.Output);
        }

        /// <summary>Keeps a node's discovery on this host; <paramref name="extra"/> may change more of the configuration before it is written.</summary>
        internal static void KeepDiscoveryOnThisHost(string configFile, int port, Action<JsonNode>? extra = null)
        {
            JsonNode config = JsonNode.Parse(File.ReadAllText(configFile))!;
            config["discovery"]!["interface"] = "127.0.0.1";
            config["discovery"]!["ttl"] = 0;
            config["discovery"]!["port"] = port;
            config["discovery"]!["intervalMs"] = 250;
            extra?.Invoke(config);
            File.WriteAllText(configFile, config.ToJsonString());
        }

        private static async Task Publish(EdgemeshProcess node, string text)
        {
            using var response = await node.Api.PostAsJsonAsync("/v1/publish", new Dictionary<string, string> { ["topic"] = Topic, ["text"] = text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        /// <summary>Polls <paramref name="condition"/> until it holds; fails with the processes' output on timeout.</summary>
        internal static async Task Until(Func<Task<bool>> condition, EdgemeshProcess[] nodes, CancellationToken ct)
        {
            DateTime deadline = DateTime.UtcNow + Patience;
            while (!await condition())
            {
                Assert.True(DateTime.UtcNow < deadline && nodes.All(n => !n.HasExited), string.Join("\n---\n", nodes.Select(n => n.Output)));
                await Task.Delay(100, ct);
            }
        }

        internal static int FreeTcpPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}

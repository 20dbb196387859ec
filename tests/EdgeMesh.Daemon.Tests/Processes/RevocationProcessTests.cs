using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeMesh.Daemon.Tests.Transport;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>
    /// Revocation reaching a running fleet: `edgemesh run` processes A, B and R (the robot to revoke)
    /// on loopback; a list revoking R is pushed to A alone. Within <see cref="Bound"/> B refuses R's
    /// publications and no longer lists it, a node started later (C) gets the list from its first
    /// neighbour, and older or forged lists are refused and counted.
    /// </summary>
    public sealed class RevocationProcessTests : IDisposable
    {
        /// <summary>The stated bound: a neighbour offers a new version at once and every 2 s, and one that is behind fetches it in one round trip.</summary>
        internal static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

        private const string Topic = "fleet/revocation-test";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "edgemesh-revoke-" + Guid.NewGuid().ToString("N"));
        private readonly List<EdgemeshProcess> _processes = new();

        public RevocationProcessTests()
        {
            Directory.CreateDirectory(_root);
        }

        [Fact]
        public async Task AListPushedToOneNodeReachesTheOthersWithinTheBoundAndALateJoinerGetsItFromItsFirstNeighbour()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(80));
            CancellationToken ct = timeout.Token;
            string fleet = Path.Combine(_root, "fleet");
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("fleet", "init", "--out", fleet));
            int discoveryPort = UdpTransportTests.FreeUdpPort();
            string[] names = { "a", "b", "r", "c" };
            var dirs = new Dictionary<string, string>();
            var apis = new Dictionary<string, string>();
            foreach (string name in names)
            {
                // Every directory is made before any revocation, so none starts with a list.
                dirs[name] = Path.Combine(_root, name);
                apis[name] = "127.0.0.1:" + MultiProcessTests.FreeTcpPort();
                MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("init", "--dir", dirs[name], "--fleet", fleet, "--listen", "127.0.0.1:" + UdpTransportTests.FreeUdpPort(), "--api", apis[name]));
                MultiProcessTests.KeepDiscoveryOnThisHost(Path.Combine(dirs[name], "edgemesh.json"), discoveryPort);
            }

            EdgemeshProcess a = Start(dirs["a"], apis["a"]);
            EdgemeshProcess b = Start(dirs["b"], apis["b"]);
            EdgemeshProcess r = Start(dirs["r"], apis["r"]);
            EdgemeshProcess[] running = { a, b, r };
            await MultiProcessTests.Until(async () => (await Task.WhenAll(running.Select(n => n.PeersIn("active")))).All(count => count == 2), running, ct);
            string revokedId = await r.NodeId();

            using EventStream onB = await EventStream.OpenAsync(b.Api.BaseAddress!, Topic, ct);
            await Publish(r, "from r while enrolled");
            Assert.Equal("from r while enrolled", await onB.NextTextAsync(ct));

            // Version 1 revokes an id nobody uses (kept as the "older" list), version 2 revokes R too.
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("fleet", "revoke", "--fleet", fleet, "--node-id", "00000000000000aa"));
            string older = Path.Combine(_root, "revocations-v1.bin");
            File.Copy(Path.Combine(fleet, "revocations.bin"), older);
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("fleet", "revoke", "--fleet", fleet, "--node-id", revokedId));
            string current = Path.Combine(fleet, "revocations.bin");

            var clock = Stopwatch.StartNew();
            (int code, string output) = EdgemeshProcess.RunToEnd("fleet", "push-revocations", "--file", current, "--api", "http://" + apis["a"]);
            Assert.True(code == 0, output);
            Assert.Contains("version 2", output, StringComparison.Ordinal);
            await WithinBound(async () => !await Lists(b, revokedId) && await Version(b) == 2 && !await Lists(a, revokedId), running, clock, ct);
            TimeSpan reachedB = clock.Elapsed;

            // R's publications are refused by B now (they would arrive before A's marker).
            await Publish(r, "from r after revocation");
            await Task.Delay(1_000, ct);
            await Publish(a, "marker from a");
            Assert.Equal("marker from a", await onB.NextTextAsync(ct));
            Assert.True(await Counter(b, "rejected", "SenderRevoked") > 0, b.Output);

            // The list was saved where a restart reads it.
            Assert.Equal(File.ReadAllBytes(current), File.ReadAllBytes(Path.Combine(dirs["b"], "revocations.bin")));
            Assert.Equal(File.ReadAllBytes(current), File.ReadAllBytes(Path.Combine(dirs["a"], "revocations.bin")));

            // Older and forged lists are refused with their reason and counted.
            (code, output) = EdgemeshProcess.RunToEnd("fleet", "push-revocations", "--file", older, "--api", "http://" + apis["a"]);
            Assert.NotEqual(0, code);
            Assert.Contains("409", output, StringComparison.Ordinal);
            byte[] forged = File.ReadAllBytes(current);
            forged[20] ^= 0x01; // the version raised after signing
            using (var content = new ByteArrayContent(forged))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using HttpResponseMessage refused = await a.Api.PostAsync(new Uri("/v1/revocations", UriKind.Relative), content, ct);
                Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            }

            Assert.True(await Counter(a, "rejected", "revocation.StaleRevocationList") >= 1);
            Assert.Equal(1, await Counter(a, "rejected", "revocation.BadSignature"));
            Assert.Equal(2UL, await Version(a));

            // A late joiner started without a list gets it from its first neighbour and refuses R.
            EdgemeshProcess c = Start(dirs["c"], apis["c"]);
            EdgemeshProcess[] withC = { a, b, r, c };
            clock.Restart();
            await WithinBound(async () => await Version(c) == 2 && await c.PeersIn("active") >= 1, withC, clock, ct);
            TimeSpan reachedC = clock.Elapsed;
            await Task.Delay(1_000, ct);
            Assert.False(await Lists(c, revokedId), c.Output);
            Assert.True(File.Exists(Path.Combine(dirs["c"], "revocations.bin")));
            // B refused R's beacons all along, and said so once, with R's id and the reason.
            Assert.Equal(1, Occurrences(b.Output, "refused peer " + revokedId + " at "));
            Assert.Contains("refused peer " + revokedId + " at udp://127.0.0.1:", b.Output, StringComparison.Ordinal);
            Assert.Contains(": revoked (on the fleet's revocation list, version 2)", b.Output, StringComparison.Ordinal);

            // A node of another fleet on the same discovery group: both sides log the refusal, once.
            string otherFleet = Path.Combine(_root, "other-fleet");
            string x = Path.Combine(_root, "x");
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("fleet", "init", "--out", otherFleet));
            string xApi = "127.0.0.1:" + MultiProcessTests.FreeTcpPort();
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("init", "--dir", x, "--fleet", otherFleet, "--listen", "127.0.0.1:" + UdpTransportTests.FreeUdpPort(), "--api", xApi));
            MultiProcessTests.KeepDiscoveryOnThisHost(Path.Combine(x, "edgemesh.json"), discoveryPort);
            EdgemeshProcess stranger = Start(x, xApi);
            string strangerId = await WhenUp(stranger, ct);
            clock.Restart();
            await WithinBound(() => Task.FromResult(a.Output.Contains("refused peer " + strangerId, StringComparison.Ordinal) && stranger.Output.Contains("another fleet", StringComparison.Ordinal)), new[] { a, stranger }, clock, ct);
            await Task.Delay(1_500, ct); // several more beacons each way
            Assert.Equal(1, Occurrences(a.Output, "refused peer " + strangerId + " at "));
            Assert.Contains("its certificate is for another fleet", a.Output, StringComparison.Ordinal);
            Assert.True(Occurrences(stranger.Output, "another fleet") <= 4, stranger.Output); // one line per refused peer (A, B, C, R)

            // For the record: how long it took, against the stated bound.
            Console.WriteLine("revocation reached B in " + reachedB.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms and the late joiner in " + reachedC.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms (bound " + Bound.TotalSeconds + " s)");
        }

        public void Dispose()
        {
            foreach (EdgemeshProcess process in _processes)
            {
                process.Dispose();
            }

            Directory.Delete(_root, recursive: true);
        }

        private static async Task WithinBound(Func<Task<bool>> condition, EdgemeshProcess[] nodes, Stopwatch clock, CancellationToken ct)
        {
            while (!await condition())
            {
                Assert.True(clock.Elapsed < Bound, "not within " + Bound.TotalSeconds + " s:\n" + string.Join("\n---\n", nodes.Select(n => n.Output)));
                await Task.Delay(50, ct);
            }
        }

        private static int Occurrences(string text, string part)
        {
            int count = 0;
            for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        private static async Task<string> WhenUp(EdgemeshProcess node, CancellationToken ct)
        {
            while (true)
            {
                try
                {
                    return await node.NodeId();
                }
                catch (HttpRequestException)
                {
                    Assert.False(node.HasExited, node.Output);
                    await Task.Delay(50, ct);
                }
            }
        }

        private static async Task<bool> Lists(EdgemeshProcess node, string id)
        {
            using JsonDocument peers = JsonDocument.Parse(await node.Api.GetStringAsync(new Uri("/v1/peers", UriKind.Relative)));
            return peers.RootElement.EnumerateArray().Any(p => p.GetProperty("id").GetString() == id);
        }

        private static async Task<ulong> Version(EdgemeshProcess node)
        {
            try
            {
                using JsonDocument status = JsonDocument.Parse(await node.Api.GetStringAsync(new Uri("/v1/status", UriKind.Relative)));
                return status.RootElement.GetProperty("revocationListVersion").GetUInt64();
            }
            catch (HttpRequestException)
            {
                return 0; // not up yet
            }
        }

        private static async Task<long> Counter(EdgemeshProcess node, string group, string name)
        {
            using JsonDocument status = JsonDocument.Parse(await node.Api.GetStringAsync(new Uri("/v1/status", UriKind.Relative)));
            long value = status.RootElement.GetProperty("counters").GetProperty(group).TryGetProperty(name, out JsonElement counter) ? counter.GetInt64() : 0;
            return value;
        }

        private static async Task Publish(EdgemeshProcess node, string text)
        {
            using HttpResponseMessage response = await node.Api.PostAsJsonAsync("/v1/publish", new Dictionary<string, string> { ["topic"] = Topic, ["text"] = text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        private EdgemeshProcess Start(string dir, string api)
        {
            EdgemeshProcess process = EdgemeshProcess.Run(dir, api);
            _processes.Add(process);
            return process;
        }
    }
}

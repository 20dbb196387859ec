using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>
    /// Three `edgemesh run` processes (production mode, a throwaway fleet), each in its own network namespace
    /// with its own address, joined by veth pairs to a bridge that lives in a fourth namespace. Every interface
    /// and address (10.231.0.0/24) exists only inside those namespaces: nothing touches the host's interfaces and
    /// no traffic leaves them. Needs root; skipped with the reason otherwise.
    /// </summary>
    public sealed class NetworkNamespaceTests : IDisposable
    {
        private const string Topic = "fleet/chat";
        private const int MeshPort = 7500;
        private const string Api = "http://127.0.0.1:7400";
        private static readonly string[] Hosts = { "a", "b", "c" };
        private readonly string _prefix = "em-" + Guid.NewGuid().ToString("N")[..8] + "-";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "edgemesh-netns-" + Guid.NewGuid().ToString("N"));
        private readonly List<string> _namespaces = new();
        private readonly List<EdgemeshProcess> _processes = new();

        private string Bridge => _prefix + "br";

        [RootFact]
        public async Task PublicationFromHostAReachesHostCAcrossTheBridge()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            CancellationToken ct = timeout.Token;
            Directory.CreateDirectory(_root);
            BuildNetwork();
            string fleet = Path.Combine(_root, "fleet");
            MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd("fleet", "init", "--out", fleet));
            var nodes = new EdgemeshProcess[Hosts.Length];
            for (int i = 0; i < Hosts.Length; i++)
            {
                string dir = Path.Combine(_root, Hosts[i]);
                var init = new List<string> { "init", "--dir", dir, "--fleet", fleet, "--listen", Address(i) + ":" + MeshPort, "--api", "127.0.0.1:7400" };
                foreach (int other in Enumerable.Range(0, Hosts.Length).Where(o => o != i))
                {
                    init.Add("--bootstrap");
                    init.Add(Address(other) + ":" + MeshPort);
                }

                MultiProcessTests.Succeeds(EdgemeshProcess.RunToEnd(init.ToArray()));
                KeepDiscoveryOnTheBridge(Path.Combine(dir, "edgemesh.json"), Address(i));
                nodes[i] = Start(Namespace(i), "run", "--dir", dir);
            }

            await MultiProcessTests.Until(() => Task.FromResult(Enumerable.Range(0, Hosts.Length).All(i => ActivePeers(Namespace(i)) == 2)), nodes, ct);

            // The subscription starts asynchronously; publish until it has seen one message (or gave up).
            EdgemeshProcess sub = Start(Namespace(2), "sub", Topic, "--count", "1", "--timeout", "15", "--json", "--api", Api);
            int? exitCode;
            do
            {
                MultiProcessTests.Succeeds(EdgemeshProcess.RunToEndIn(Namespace(0), "pub", Topic, "hello from a", "--api", Api));
            }
            while ((exitCode = sub.ExitCodeWithin(300)) == null);

            Assert.True(exitCode == 0, "sub on c: exit " + exitCode + "\n" + sub.Output + "\n---\n" + string.Join("\n---\n", nodes.Select(n => n.Output)));
            using JsonDocument received = JsonDocument.Parse(sub.Output.Trim());
            Assert.Equal("hello from a", received.RootElement.GetProperty("text").GetString());
            Assert.Equal(Topic, received.RootElement.GetProperty("topic").GetString());
        }

        public void Dispose()
        {
            try
            {
                foreach (EdgemeshProcess process in _processes)
                {
                    process.Dispose();
                }
            }
            finally
            {
                // Deleting a namespace also deletes the veth ends and the bridge inside it.
                foreach (string ns in _namespaces)
                {
                    Ip("netns", "delete", ns);
                }

                if (Directory.Exists(_root))
                {
                    Directory.Delete(_root, recursive: true);
                }
            }
        }

        private static string Address(int host)
        {
            return "10.231.0." + (host + 1);
        }

        private string Namespace(int host)
        {
            return _prefix + Hosts[host];
        }

        /// <summary>Creates the namespaces, the bridge and the veth pairs; every link is made inside a test namespace.</summary>
        private void BuildNetwork()
        {
            AddNamespace(Bridge);
            IpOk("-n", Bridge, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            IpOk("-n", Bridge, "link", "set", "br0", "up");
            for (int i = 0; i < Hosts.Length; i++)
            {
                string ns = Namespace(i);
                AddNamespace(ns);
                IpOk("-n", ns, "link", "set", "lo", "up");
                IpOk("-n", Bridge, "link", "add", "port-" + Hosts[i], "type", "veth", "peer", "name", "eth0", "netns", ns);
                IpOk("-n", Bridge, "link", "set", "port-" + Hosts[i], "master", "br0", "up");
                IpOk("-n", ns, "addr", "add", Address(i) + "/24", "dev", "eth0");
                IpOk("-n", ns, "link", "set", "eth0", "up");
            }
        }

        private void AddNamespace(string name)
        {
            IpOk("netns", "add", name);
            _namespaces.Add(name);
        }

        private EdgemeshProcess Start(string ns, params string[] arguments)
        {
            EdgemeshProcess process = EdgemeshProcess.StartIn(ns, Api, arguments);
            _processes.Add(process);
            return process;
        }

        /// <summary>Active peers a node reports through `edgemesh peers` run in its namespace; 0 while its API is not up.</summary>
        private static int ActivePeers(string ns)
        {
            (int exitCode, string output) = EdgemeshProcess.RunToEndIn(ns, "peers", "--json", "--api", Api);
            if (exitCode != 0)
            {
                return 0;
            }

            using JsonDocument peers = JsonDocument.Parse(output);
            return peers.RootElement.EnumerateArray().Count(p => p.GetProperty("state").GetString() == "active");
        }

        /// <summary>Multicast discovery on the node's own address only: it stays on the bridge segment.</summary>
        private static void KeepDiscoveryOnTheBridge(string configFile, string address)
        {
            JsonNode config = JsonNode.Parse(File.ReadAllText(configFile))!;
            config["discovery"]!["interface"] = address;
            config["discovery"]!["ttl"] = 1;
            config["discovery"]!["intervalMs"] = 250;
            File.WriteAllText(configFile, config.ToJsonString());
        }

        private static void IpOk(params string[] arguments)
        {
            (int exitCode, string output) = Ip(arguments);
            Assert.True(exitCode == 0, "ip " + string.Join(' ', arguments) + ": " + output);
        }

        private static (int ExitCode, string Output) Ip(params string[] arguments)
        {
            var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
    }
}

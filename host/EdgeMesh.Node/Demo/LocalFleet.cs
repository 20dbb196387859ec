using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Security;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMesh.Node.Demo
{
    /// <summary>
    /// A throwaway fleet of real <see cref="MeshNode"/>s in this process, each with its own node
    /// directory (under a temporary root), its own UDP socket on 127.0.0.1 and credentials for the
    /// chosen security mode: production (a fresh fleet root, one certificate per node), lightweight
    /// (one shared segment key) or development (no authentication). Discovery stays on this host
    /// (interface 127.0.0.1, multicast TTL 0). Used by <c>edgemesh demo</c> and <c>edgemesh bench</c>.
    /// Dispose to stop the nodes and delete the directories.
    /// </summary>
    internal sealed class LocalFleet : IAsyncDisposable
    {
        private readonly string _root;
        private readonly List<MeshNode> _nodes = new();

        private LocalFleet(string root)
        {
            _root = root;
        }

        /// <summary>The nodes, in creation order.</summary>
        internal IReadOnlyList<MeshNode> Nodes => _nodes;

        /// <summary>Creates <paramref name="count"/> bound (not started) nodes in <paramref name="profile"/>; <paramref name="configure"/> may adjust each configuration.</summary>
        internal static LocalFleet Create(int count, SecurityProfile profile, Action<NodeConfig>? configure = null)
        {
            string root = Path.Combine(Path.GetTempPath(), "edgemesh-fleet-" + Guid.NewGuid().ToString("N"));
            var fleet = new LocalFleet(root);
            try
            {
                Directory.CreateDirectory(root);
                fleet.CreateNodes(count, profile, configure);
                return fleet;
            }
            catch
            {
                fleet.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }
        }

        /// <summary>Starts every node and waits until each has a gossip neighbour and has heard all others; returns how many did.</summary>
        internal async Task<int> StartAndJoinAsync(TimeSpan patience, CancellationToken cancellationToken)
        {
            foreach (MeshNode node in _nodes)
            {
                await node.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            var deadline = Stopwatch.StartNew();
            int joined;
            while ((joined = _nodes.Count(IsJoined)) < _nodes.Count && deadline.Elapsed < patience)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }

            return joined;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (MeshNode node in _nodes)
            {
                await node.StopAsync().ConfigureAwait(false);
                node.Dispose();
            }

            _nodes.Clear();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }

        private bool IsJoined(MeshNode node)
        {
            List<Daemon.Api.PeerInfo> peers = node.GetPeers();
            return peers.Count >= _nodes.Count - 1 && peers.Any(p => p.State == "active");
        }

        private void CreateNodes(int count, SecurityProfile profile, Action<NodeConfig>? configure)
        {
            using FleetAuthority authority = FleetAuthority.Generate();
            int discoveryPort = FreeUdpPort();
            string fleetDir = Path.Combine(_root, "fleet");
            Check(KeyFiles.EnsureDirectory(fleetDir, out string error), error);
            string fleetPublic = Path.Combine(fleetDir, KeyFiles.FleetPublicKeyFile);
            Check(KeyFiles.WriteKeyPair(Path.Combine(fleetDir, "fleet.key"), fleetPublic, authority.Keys, KeyPurpose.FleetRoot, false, out error), error);
            var segmentKey = new byte[32];
            SecureRandom.Fill(segmentKey);
            for (int i = 0; i < count; i++)
            {
                var config = new NodeConfig { Listen = "127.0.0.1:0", Api = "127.0.0.1:0", Mode = profile.ToString().ToLowerInvariant() };
                config.AllowInsecureDevelopment = profile == SecurityProfile.Development;
                config.Discovery.Interface = "127.0.0.1";
                config.Discovery.Ttl = 0;
                config.Discovery.Port = discoveryPort;
                config.Discovery.IntervalMs = 500;
                configure?.Invoke(config);
                string dir = Path.Combine(_root, "node-" + i);
                CreateNodeDirectory(authority, fleetPublic, dir);
                Check(KeyFiles.WriteDocument(NodeConfig.ResolvePath(dir, config.Security.SegmentKeyFile), segmentKey, out error), error);
                if (!MeshNode.TryCreate(dir, config, NullLoggerFactory.Instance, TimeProvider.System, out MeshNode? node, out error))
                {
                    throw new InvalidOperationException("node " + i + ": " + error);
                }

                _nodes.Add(node!);
            }
        }

        private static void CreateNodeDirectory(FleetAuthority fleet, string fleetPublic, string dir)
        {
            Check(KeyFiles.EnsureDirectory(dir, out string error), error);
            using NodeKeyPair identity = NodeKeyPair.Generate();
            Check(KeyFiles.WriteKeyPair(Path.Combine(dir, KeyFiles.NodeSecretKeyFile), Path.Combine(dir, KeyFiles.NodePublicKeyFile), identity.Keys, KeyPurpose.Node, false, out error), error);
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            byte[] certificate = fleet.IssueCertificate(identity.PublicKey, FleetRoles.Robot, now - 3_600_000, now + 3_600_000);
            Check(KeyFiles.WriteDocument(Path.Combine(dir, KeyFiles.NodeCertificateFile), certificate, out error), error);
            File.Copy(fleetPublic, Path.Combine(dir, KeyFiles.FleetPublicKeyFile));
        }

        private static void Check(FileError result, string error)
        {
            if (result != FileError.None)
            {
                throw new IOException(error);
            }
        }

        private static int FreeUdpPort()
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
    }
}

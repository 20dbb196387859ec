using System.Collections.Generic;
using System.IO;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Throwaway fleets and node directories in a temporary folder, and nodes on loopback.</summary>
    internal sealed class TestNodes : IDisposable
    {
        private readonly List<MeshNode> _nodes = new();

        internal TestNodes()
        {
            Root = Path.Combine(Path.GetTempPath(), "edgemesh-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Root);
            DiscoveryPort = Transport.UdpTransportTests.FreeUdpPort();
        }

        internal string Root { get; }

        internal int DiscoveryPort { get; }

        /// <summary>A node directory enrolled in <paramref name="fleet"/>.</summary>
        internal string CreateNodeDirectory(FleetAuthority fleet, string name)
        {
            string dir = Path.Combine(Root, name);
            Assert.Equal(FileError.None, KeyFiles.EnsureDirectory(dir, out _));
            using NodeKeyPair identity = NodeKeyPair.Generate();
            Assert.Equal(FileError.None, KeyFiles.WriteKeyPair(Path.Combine(dir, KeyFiles.NodeSecretKeyFile), Path.Combine(dir, KeyFiles.NodePublicKeyFile), identity.Keys, KeyPurpose.Node, false, out _));
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            byte[] certificate = fleet.IssueCertificate(identity.PublicKey, FleetRoles.Robot, now - 3_600_000, now + 3_600_000);
            Assert.Equal(FileError.None, KeyFiles.WriteDocument(Path.Combine(dir, KeyFiles.NodeCertificateFile), certificate, out _));
            // KeyFiles writes public keys only beside their secret: write both, keep fleet.pub.
            Assert.Equal(FileError.None, KeyFiles.WriteKeyPair(Path.Combine(dir, "unused-fleet.key"), Path.Combine(dir, KeyFiles.FleetPublicKeyFile), fleet.Keys, KeyPurpose.FleetRoot, false, out _));
            File.Delete(Path.Combine(dir, "unused-fleet.key"));
            return dir;
        }

        /// <summary>Configuration for a loopback-only node: multicast kept on this host (interface 127.0.0.1, TTL 0).</summary>
        internal NodeConfig LoopbackConfig()
        {
            var config = new NodeConfig { Listen = "127.0.0.1:0", Api = "127.0.0.1:0" };
            config.Discovery.Interface = "127.0.0.1";
            config.Discovery.Ttl = 0;
            config.Discovery.Port = DiscoveryPort;
            config.Discovery.IntervalMs = 200;
            return config;
        }

        internal MeshNode Start(string dir, NodeConfig config, Func<EdgeMesh.Protocol.Wire.NodeId, long, IMeshProtocol>? mesh = null)
        {
            Assert.True(MeshNode.TryCreate(dir, config, mesh, NullLoggerFactory.Instance, TimeProvider.System, out MeshNode? node, out string error), error);
            _nodes.Add(node!);
            node!.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
            return node;
        }

        public void Dispose()
        {
            foreach (MeshNode node in _nodes)
            {
                node.StopAsync().GetAwaiter().GetResult();
                node.Dispose();
            }

            Directory.Delete(Root, recursive: true);
        }
    }
}

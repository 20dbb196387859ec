using System.IO;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMesh.Node.Tests.Cli
{
    /// <summary>One production node with its local API, in this process, made by the CLI's own init (for client commands to talk to).</summary>
    internal sealed class LocalNode : IAsyncDisposable
    {
        private readonly MeshNode _node;
        private readonly LocalApi _api;

        private LocalNode(MeshNode node, LocalApi api)
        {
            _node = node;
            _api = api;
        }

        internal string Url => "http://" + _api.EndPoint;

        internal MeshNode Node => _node;

        internal static async Task<LocalNode> StartAsync(string root, string? token = null)
        {
            string fleet = Path.Combine(root, "fleet");
            string dir = Path.Combine(root, "node");
            Assert.Equal(0, CliRun.InProcess("fleet", "init", "--out", fleet).Code);
            Assert.Equal(0, CliRun.InProcess("init", "--dir", dir, "--fleet", fleet, "--listen", "127.0.0.1:0", "--api", "127.0.0.1:0").Code);
            Assert.True(NodeConfig.TryLoad(Path.Combine(dir, NodeConfig.FileName), out NodeConfig? config, out string error), error);
            config!.Discovery.Enabled = false;
            if (token != null)
            {
                File.WriteAllText(Path.Combine(dir, "api.token"), token);
                config.ApiTokenFile = "api.token";
            }

            Assert.True(MeshNode.TryCreate(dir, config, NullLoggerFactory.Instance, TimeProvider.System, out MeshNode? node, out error), error);
            await node!.StartAsync(CancellationToken.None);
            Assert.True(LocalApi.TryCreate(node, config, dir, LogLevel.None, out LocalApi? api, out error), error);
            await api!.StartAsync(CancellationToken.None);
            return new LocalNode(node, api);
        }

        public async ValueTask DisposeAsync()
        {
            await _api.StopAsync();
            await _api.DisposeAsync();
            await _node.StopAsync();
            _node.Dispose();
        }
    }
}

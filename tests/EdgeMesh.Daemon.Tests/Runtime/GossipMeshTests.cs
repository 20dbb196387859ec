using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Daemons on loopback joined by the real gossip layer (HyParView, SWIM, PlumTree).</summary>
    public sealed class GossipMeshTests
    {
        private const string Topic = "fleet/chat";
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

        [Fact]
        public async Task ThreeNodesFoundByLoopbackDiscoveryBecomeNeighboursAndHearEveryOthersPublications()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            MeshNode[] mesh = Enumerable.Range(0, 3).Select(i => StartGossip(nodes, fleet, "n" + i, nodes.LoopbackConfig())).ToArray();
            Assert.True(SpinWait.SpinUntil(() => mesh.All(n => ActivePeers(n) == 2), Patience), "every node holds both others in its active view");

            Subscription[] subscriptions = mesh.Select(n => n.Subscribe(new[] { Topic })).ToArray();
            try
            {
                for (int i = 0; i < mesh.Length; i++)
                {
                    Assert.Equal(PublishResult.Published, mesh[i].Publish(Topic, PayloadType.Text, Text("from n" + i)));
                }

                var expected = new HashSet<string> { "from n0", "from n1", "from n2" };
                for (int i = 0; i < mesh.Length; i++)
                {
                    HashSet<string> heard = await ReadTexts(subscriptions[i], 3);
                    Assert.Equal(expected, heard); // own publication plus both others, each once
                    Assert.Equal(2, mesh[i].GetStatus().Counters.Mesh["delivered"]);
                    Assert.False(mesh[i].GetStatus().Counters.Dropped.ContainsKey("OriginRejected"));
                }
            }
            finally
            {
                Array.ForEach(subscriptions, s => s.Dispose());
            }
        }

        private static MeshNode StartGossip(TestNodes nodes, FleetAuthority fleet, string name, NodeConfig config)
        {
            return nodes.Start(nodes.CreateNodeDirectory(fleet, name), config, GossipMesh.Factory(MeshNode.GossipOptionsFor(config)));
        }

        private static int ActivePeers(MeshNode node)
        {
            return node.GetPeers().Count(p => p.State == "active");
        }

        internal static byte[] Text(string text)
        {
            var buffer = new byte[64];
            Assert.Equal(Protocol.Wire.FrameError.None, TextCodec.Encode(text, buffer, 0, buffer.Length, out int length));
            return buffer.AsSpan(0, length).ToArray();
        }

        internal static async Task<HashSet<string>> ReadTexts(Subscription subscription, int count)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var texts = new HashSet<string>();
            for (int i = 0; i < count; i++)
            {
                MeshMessage message = await subscription.Reader.ReadAsync(timeout.Token);
                Assert.True(texts.Add(EdgeMesh.Daemon.Api.MessageEvents.From(message).Text!), "delivered once");
            }

            return texts;
        }
    }
}

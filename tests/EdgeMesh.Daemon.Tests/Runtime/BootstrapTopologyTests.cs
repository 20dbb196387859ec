using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Fleets with multicast discovery off, where nodes know each other only through a bootstrap list.</summary>
    public sealed class BootstrapTopologyTests
    {
        private const string Topic = "fleet/star";
        private const int Count = 5;
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

        [Fact]
        public async Task NodesThatBootstrapOnlyFromOneHubReachEachOtherAndCheckEveryOriginEndToEnd()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            var mesh = new List<MeshNode> { Start(nodes, fleet, "hub", null) };
            string hub = mesh[0].UdpEndPoint.ToString();
            for (int i = 1; i < Count; i++)
            {
                mesh.Add(Start(nodes, fleet, "n" + i, hub));
            }

            // Beyond the hub, each node needs a neighbour it learnt through the gossip layer (an id
            // without an address) and reached through an address book answer.
            Assert.True(
                SpinWait.SpinUntil(() => mesh.Skip(1).All(n => ActiveNonHubPeers(n, mesh[0]) > 0), Patience),
                "every spoke holds a non-hub peer in its active view: " + string.Join(", ", mesh.Select(n => ActiveNonHubPeers(n, mesh[0]))));

            Subscription[] subscriptions = mesh.Select(n => n.Subscribe(new[] { Topic })).ToArray();
            try
            {
                for (int i = 0; i < Count; i++)
                {
                    Assert.Equal(PublishResult.Published, mesh[i].Publish(Topic, PayloadType.Text, GossipMeshTests.Text("from " + i)));
                }

                var expected = Enumerable.Range(0, Count).Select(i => "from " + i).ToHashSet();
                for (int i = 0; i < Count; i++)
                {
                    Assert.Equal(expected, await GossipMeshTests.ReadTexts(subscriptions[i], Count)); // every origin, each once
                    var counters = mesh[i].GetStatus().Counters;
                    Assert.False(counters.Dropped.ContainsKey("OriginRejected"), "node " + i + " verified every originator");
                }

                Assert.Contains(mesh.Skip(1), n => n.GetStatus().Counters.Transport.GetValueOrDefault("directory.answersApplied") > 0);
                Assert.True(mesh[0].GetStatus().Counters.Transport.GetValueOrDefault("directory.requestsAnswered") > 0, "the hub vouched for the spokes");
            }
            finally
            {
                Array.ForEach(subscriptions, s => s.Dispose());
            }
        }

        private static MeshNode Start(TestNodes nodes, FleetAuthority fleet, string name, string? bootstrap)
        {
            NodeConfig config = nodes.LoopbackConfig();
            config.Discovery.Enabled = false;
            if (bootstrap != null)
            {
                config.Bootstrap.Add(bootstrap);
            }

            return nodes.Start(nodes.CreateNodeDirectory(fleet, name), config, GossipMesh.Factory(MeshNode.GossipOptionsFor(config)));
        }

        private static int ActiveNonHubPeers(MeshNode node, MeshNode hub)
        {
            string hubId = hub.Id.ToString();
            return node.GetPeers().Count(p => p.State == "active" && p.Id != hubId);
        }
    }
}

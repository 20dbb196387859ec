using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Daemons on loopback joined by the real gossip layer (HyParView, SWIM, PlumTree), found by multicast discovery or through one bootstrap contact.</summary>
    public sealed class GossipMeshTests
    {
        private const string Topic = "fleet/chat";
        private const string StarTopic = "fleet/star";
        private const int SpokeCount = 5;
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

        [Fact]
        public async Task NodesThatBootstrapOnlyFromOneHubReachEachOtherAndCheckEveryOriginEndToEnd()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            var mesh = new List<MeshNode> { StartSpoke(nodes, fleet, "hub", null) };
            string hub = mesh[0].UdpEndPoint.ToString();
            for (int i = 1; i < SpokeCount; i++)
            {
                mesh.Add(StartSpoke(nodes, fleet, "n" + i, hub));
            }

            // Beyond the hub, each node needs a neighbour it learnt through the gossip layer (an id
            // without an address) and reached through an address book answer.
            Assert.True(
                SpinWait.SpinUntil(() => mesh.Skip(1).All(n => ActiveNonHubPeers(n, mesh[0]) > 0), Patience),
                "every spoke holds a non-hub peer in its active view: " + string.Join(", ", mesh.Select(n => ActiveNonHubPeers(n, mesh[0]))));

            Subscription[] subscriptions = mesh.Select(n => n.Subscribe(new[] { StarTopic })).ToArray();
            try
            {
                for (int i = 0; i < SpokeCount; i++)
                {
                    Assert.Equal(PublishResult.Published, mesh[i].Publish(StarTopic, PayloadType.Text, Text("from " + i)));
                }

                var expected = Enumerable.Range(0, SpokeCount).Select(i => "from " + i).ToHashSet();
                for (int i = 0; i < SpokeCount; i++)
                {
                    Assert.Equal(expected, await ReadTexts(subscriptions[i], SpokeCount)); // every origin, each once
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

        /// <summary>A node with multicast discovery off that knows only <paramref name="bootstrap"/>.</summary>
        private static MeshNode StartSpoke(TestNodes nodes, FleetAuthority fleet, string name, string? bootstrap)
        {
            NodeConfig config = nodes.LoopbackConfig();
            config.Discovery.Enabled = false;
            if (bootstrap != null)
            {
                config.Bootstrap.Add(bootstrap);
            }

            return StartGossip(nodes, fleet, name, config);
        }

        private static int ActiveNonHubPeers(MeshNode node, MeshNode hub)
        {
            string hubId = hub.Id.ToString();
            return node.GetPeers().Count(p => p.State == "active" && p.Id != hubId);
        }

        [Fact]
        public async Task A_burst_published_without_flushing_travels_in_few_signed_frames_and_arrives_whole_in_order()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            MeshNode[] mesh = Enumerable.Range(0, 2).Select(i => StartGossip(nodes, fleet, "b" + i, nodes.LoopbackConfig())).ToArray();
            Assert.True(SpinWait.SpinUntil(() => mesh.All(n => ActivePeers(n) == 1), Patience), "the two nodes become neighbours");

            using Subscription subscription = mesh[1].Subscribe(new[] { Topic });
            const int Count = 40; // 40 × (4 + 64) bytes: three batches, each filling at most one 1,400-byte datagram
            for (int i = 0; i < Count; i++)
            {
                var payload = new byte[64];
                payload[0] = (byte)i;
                Assert.Equal(PublishResult.Published, mesh[0].Publish(Topic, PayloadType.FirstApplicationDefined, payload, Protocol.Wire.Priority.Telemetry, flush: false));
            }

            mesh[0].Flush();
            using var timeout = new CancellationTokenSource(Patience);
            for (int i = 0; i < Count; i++)
            {
                MeshMessage message = await subscription.Reader.ReadAsync(timeout.Token);
                Assert.Equal(i, message.Payload[0]);
                Assert.Equal(64, message.Payload.Length);
                Assert.Equal(PayloadType.FirstApplicationDefined, message.PayloadType);
            }

            Assert.InRange(mesh[0].GetStatus().Counters.Mesh["published"], 3, 4); // one gossip message per batch
            Assert.Equal(Count, mesh[1].GetStatus().Counters.Delivered);
            Assert.False(mesh[1].GetStatus().Counters.Dropped.ContainsKey("OriginRejected"));
        }

        private static MeshNode StartGossip(TestNodes nodes, FleetAuthority fleet, string name, NodeConfig config)
        {
            return nodes.Start(nodes.CreateNodeDirectory(fleet, name), config, GossipMesh.Factory(MeshNode.GossipOptionsFor(config)));
        }

        private static int ActivePeers(MeshNode node)
        {
            return node.GetPeers().Count(p => p.State == "active");
        }

        private static byte[] Text(string text)
        {
            var buffer = new byte[64];
            Assert.Equal(Protocol.Wire.FrameError.None, TextCodec.Encode(text, buffer, 0, buffer.Length, out int length));
            return buffer.AsSpan(0, length).ToArray();
        }

        private static async Task<HashSet<string>> ReadTexts(Subscription subscription, int count)
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

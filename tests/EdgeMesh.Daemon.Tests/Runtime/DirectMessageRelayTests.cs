using System.Collections.Generic;
using System.Linq;
using System.Net;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>The daemon's other paths: relaying Direct and Ack frames for other nodes, and the gossip inbox topic.</summary>
    public sealed class DirectMessageRelayTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task ADaemonRelaysAMessageAndItsAcknowledgementBetweenTwoNodesThatAreNotNeighbours()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            string dirC = nodes.CreateNodeDirectory(fleet, "c");
            MeshNode relay = nodes.Start(nodes.CreateNodeDirectory(fleet, "b"), nodes.LoopbackConfig());
            MeshNode c = nodes.Start(dirC, nodes.LoopbackConfig());
            Assert.True(SpinWait.SpinUntil(() => relay.GetPeers().Any(p => p.Id == c.Id.ToString()), Patience), "the relay did not meet c");

            // X is a neighbour of the relay only; c has merely seen its certificate.
            using var x = new FakeFleetPeer(fleet);
            x.Keys.Add(FakeFleetPeer.PublicKeyOf(dirC));
            var toRelay = new IPEndPoint(IPAddress.Loopback, relay.UdpEndPoint.Port);
            x.Introduce(toRelay);
            x.PresentCertificate(new IPEndPoint(IPAddress.Loopback, c.UdpEndPoint.Port));
            Assert.True(SpinWait.SpinUntil(() => relay.GetPeers().Any(p => p.Id == x.Id.ToString()), Patience), "the relay did not admit x");
            Assert.True(SpinWait.SpinUntil(() => c.GetPeers().Any(p => p.Id == x.Id.ToString()), Patience), "c did not admit x's certificate");

            DmSendResult sent = x.Messenger.Send(c.Id, DirectMessageNodeTests.TextPayload("via the relay"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), PayloadType.Text);
            Assert.True(sent.IsQueued, sent.Message);
            Assert.True(x.Messenger.TryDequeue(out DmTransmission fragment));
            Assert.True(SpinWait.SpinUntil(() => relay.GetStatus().Counters.Direct.GetValueOrDefault("dm_routes") >= 2, Patience), "the relay learned no routes to c and x");

            DmReceipt? receipt = null;
            int consumed = 0;
            DateTime deadline = DateTime.UtcNow + Patience;
            for (int round = 0; receipt == null && DateTime.UtcNow < deadline; round++)
            {
                if (round % 25 == 0)
                {
                    x.Send(toRelay, FrameKind.Direct, fragment.Packet.ToArray(), c.Id); // as a sender's retry would: delivered once at most
                }

                x.AnswerDirectFrames(toRelay, ref consumed);
                if (!x.Messenger.TryTakeReceipt(out receipt))
                {
                    receipt = null;
                    await Task.Delay(20);
                }
            }

            Assert.NotNull(receipt);
            Assert.Equal(DmReceiptStatus.Accepted, receipt!.Status);
            DirectMessage message = Assert.Single(c.TakeDirectMessages(10));
            Assert.Equal("via the relay", DirectMessageNodeTests.Text(message));
            Assert.Equal(x.Id, message.Sender);
            Assert.Equal(DmPathKind.Direct, message.Path);
            Assert.True(relay.GetStatus().Counters.Direct["dm_relayed"] >= 2, "the fragment one way and the acknowledgement back");
            Assert.Empty(relay.TakeDirectMessages(10));
            Assert.DoesNotContain(c.GetPeers(), p => p.Id == x.Id.ToString() && p.Address.Contains(relay.UdpEndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        [Fact]
        public void APublishOnANodesInboxTopicReachesItsMessengerThroughTheGossipLayer()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            string dirB = nodes.CreateNodeDirectory(fleet, "b");
            MeshNode a = StartGossip(nodes, nodes.CreateNodeDirectory(fleet, "a"));
            MeshNode b = StartGossip(nodes, dirB);
            Assert.True(SpinWait.SpinUntil(() => a.GetPeers().Any(p => p.State == "active") && b.GetPeers().Any(p => p.State == "active"), Patience), "the gossip layer did not connect a and b");
            using var x = new FakeFleetPeer(fleet);
            x.Keys.Add(FakeFleetPeer.PublicKeyOf(dirB));
            x.Introduce(new IPEndPoint(IPAddress.Loopback, b.UdpEndPoint.Port));
            Assert.True(SpinWait.SpinUntil(() => b.GetPeers().Any(p => p.Id == x.Id.ToString()), Patience), "b did not admit x");

            // X's sealed message, published by a on b's inbox topic: b finds it in a gossip delivery.
            DmSendResult sent = x.Messenger.Send(b.Id, DirectMessageNodeTests.TextPayload("by gossip"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), PayloadType.Text);
            Assert.True(sent.IsQueued, sent.Message);
            Assert.True(x.Messenger.TryDequeue(out DmTransmission fragment));
            Assert.Equal(PublishResult.Published, a.Publish(DmInboxTopic.NameFor(b.Id), PayloadType.Raw, fragment.Packet.Span));

            Assert.True(SpinWait.SpinUntil(() => b.GetStatus().Counters.Direct.GetValueOrDefault("dm_delivered") == 1, Patience), "b did not deliver the message");
            DirectMessage message = Assert.Single(b.TakeDirectMessages(10));
            Assert.Equal(DmPathKind.GossipInbox, message.Path);
            Assert.Equal("by gossip", DirectMessageNodeTests.Text(message));
            Assert.Equal(x.Id, message.Sender);
        }

        private static MeshNode StartGossip(TestNodes nodes, string dir)
        {
            var config = nodes.LoopbackConfig();
            return nodes.Start(dir, config, GossipMesh.Factory(MeshNode.GossipOptionsFor(config)));
        }
    }
}

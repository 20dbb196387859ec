using System.Linq;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    public sealed class MeshSeamTests
    {
        [Fact]
        public async Task APublishIsSignedByItsOriginatorCarriedInAMembershipFrameAndDeliveredAfterBothChecks()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            FanOutMesh? meshA = null;
            MeshNode a = nodes.Start(nodes.CreateNodeDirectory(fleet, "a"), nodes.LoopbackConfig(), (id, _) => meshA = new FanOutMesh(id));
            MeshNode b = nodes.Start(nodes.CreateNodeDirectory(fleet, "b"), nodes.LoopbackConfig(), (id, _) => new FanOutMesh(id));
            Assert.True(SpinWait.SpinUntil(() => a.GetPeers().Any(p => p.Id == b.Id.ToString() && p.State == "active"), 10_000));
            using Subscription onB = b.Subscribe(new[] { "fleet/chat" });
            using Subscription onA = a.Subscribe(new[] { "fleet/chat" });

            var text = new byte[32];
            Assert.Equal(Protocol.Wire.FrameError.None, TextCodec.Encode("hello fleet", text, 0, text.Length, out int length));
            Assert.Equal(PublishResult.Published, a.Publish("fleet/chat", PayloadType.Text, text.AsSpan(0, length)));

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            MeshMessage received = await onB.Reader.ReadAsync(timeout.Token);
            MessageEvent e = MessageEvents.From(received);
            Assert.Equal("fleet/chat", e.Topic);
            Assert.Equal(a.Id.ToString(), e.Sender);
            Assert.Equal("hello fleet", e.Text);
            Assert.InRange(e.LatencyMs, 0, 10_000);

            MeshMessage local = await onA.Reader.ReadAsync(timeout.Token);
            Assert.Equal("hello fleet", MessageEvents.From(local).Text); // own subscribers hear their node's publications
            Assert.True(meshA!.Released >= 1);
            EdgeMesh.Daemon.Api.NodeStatus status = b.GetStatus();
            Assert.Equal(1, status.Counters.Delivered);
            Assert.False(status.Counters.Dropped.ContainsKey("OriginRejected"));
            Assert.Equal(1, status.Counters.Mesh["contacts"]);
        }

        [Fact]
        public void WithoutAMeshProtocolPublishSaysSoInsteadOfPretending()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            MeshNode a = nodes.Start(nodes.CreateNodeDirectory(fleet, "a"), nodes.LoopbackConfig());
            Assert.Equal(PublishResult.NoMeshProtocol, a.Publish("t", PayloadType.Raw, new byte[] { 1 }));
            Assert.Equal(PublishResult.BadTopic, a.Publish(string.Empty, PayloadType.Raw, new byte[] { 1 }));
            Assert.Equal(PublishResult.TooLarge, a.Publish("t", PayloadType.Raw, new byte[2000]));
        }
    }
}

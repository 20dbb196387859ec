using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Messaging;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Direct messages to a peer the daemon has only just admitted.</summary>
    public sealed class DirectMessageAdmissionRouteTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public void ADirectMessageToAPeerKnownOnlyByItsCertificateGoesStraightToIt()
        {
            // The peer presents its certificate and nothing else (no beacon): the signed admission
            // frame alone must give the daemon a direct route, or the message would take the gossip
            // inbox path, which this peer does not speak, and wait out a whole attempt.
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            using var x = new FakeFleetPeer(fleet);
            (MeshNode a, _) = DirectMessageSecurityTests.StartBeside(nodes, fleet, x, certificateOnly: true);

            DmSendResult sent = a.SendDirect(x.Id, PayloadType.Text, DirectMessageNodeTests.TextPayload("first words"));
            Assert.True(sent.IsQueued, sent.Message);
            Assert.True(
                SpinWait.SpinUntil(() => x.Captured.Any(d => FrameCodec.Decode(d, 0, d.Length, WireFormat.MaxPayloadLength, out FrameHeader h) == FrameError.None && h.Kind == FrameKind.Direct), Patience),
                "no Direct frame reached the peer");
            Assert.Equal(0, a.GetStatus().Counters.Direct.GetValueOrDefault("dm_gossip_refused"));
        }
    }
}

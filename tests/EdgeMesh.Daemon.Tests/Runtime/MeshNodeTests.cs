using System.Linq;
using System.Net;
using System.Net.Sockets;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    public sealed class MeshNodeTests
    {
        [Fact]
        public void FleetMembersFindEachOtherByLoopbackBeaconsAndOutsidersAreCounted()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            using FleetAuthority otherFleet = FleetAuthority.Generate();
            MeshNode a = nodes.Start(nodes.CreateNodeDirectory(fleet, "a"), nodes.LoopbackConfig());
            MeshNode b = nodes.Start(nodes.CreateNodeDirectory(fleet, "b"), nodes.LoopbackConfig());
            MeshNode outsider = nodes.Start(nodes.CreateNodeDirectory(otherFleet, "x"), nodes.LoopbackConfig());

            Assert.True(SpinWait.SpinUntil(() => Knows(a, b) && Knows(b, a), 10_000), "fleet members did not admit each other");
            Assert.True(SpinWait.SpinUntil(() => Rejected(a, "CertificateRejected") > 0 && Rejected(a, "UnknownSender") > 0, 10_000));
            Assert.DoesNotContain(a.GetPeers(), p => p.Id == outsider.Id.ToString());
            Assert.DoesNotContain(outsider.GetPeers(), p => p.Id == a.Id.ToString());
            NodeStatus status = a.GetStatus();
            Assert.Equal("production", status.Mode);
            Assert.Equal(a.UdpEndPoint.ToString(), status.Udp);
            Assert.Equal("udp://" + b.UdpEndPoint, status.Peers.Single(p => p.Id == b.Id.ToString()).Address);
        }

        [Fact]
        public void GarbageOnTheUdpPortIsCountedByReasonAndTheNodeKeepsServing()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            var quiet = nodes.LoopbackConfig();
            quiet.Discovery.Enabled = false;
            MeshNode node = nodes.Start(nodes.CreateNodeDirectory(fleet, "a"), quiet);
            var random = new Random(3);
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var header = new FrameHeader { Kind = FrameKind.Publish, Security = SecurityMode.Signature, Sender = new NodeId(0x1234), Sequence = 1, TimestampMs = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), PayloadLength = 8 };
            for (int i = 0; i < 200; i++)
            {
                var junk = new byte[random.Next(1, 300)];
                random.NextBytes(junk);
                junk[0] = 0x07; // never version 1: counted as UnsupportedVersion
                raw.SendTo(junk, node.UdpEndPoint);
            }

            raw.SendTo(new byte[] { 1, 0, 0x08 }, node.UdpEndPoint); // a header cut short
            var signedLooking = new byte[WireFormat.HeaderLength + 8 + WireFormat.SignatureLength];
            Assert.Equal(FrameError.None, FrameCodec.EncodeHeader(ref header, signedLooking, 0, signedLooking.Length));
            raw.SendTo(signedLooking, node.UdpEndPoint); // well formed, from a node nobody admitted
            raw.SendTo(signedLooking.AsSpan(0, signedLooking.Length - 10).ToArray(), node.UdpEndPoint); // trailer cut

            Assert.True(SpinWait.SpinUntil(() => Rejected(node, "UnsupportedVersion") == 200 && Rejected(node, "Truncated") == 2 && Rejected(node, "UnknownSender") == 1, 10_000), Describe(node));
            Assert.Equal(203, node.GetStatus().Counters.Transport["udp.PacketsIn"]);
            Assert.Empty(node.GetPeers());
        }

        private static bool Knows(MeshNode node, MeshNode peer)
        {
            return node.GetPeers().Any(p => p.Id == peer.Id.ToString());
        }

        private static long Rejected(MeshNode node, string reason)
        {
            return node.GetStatus().Counters.Rejected.TryGetValue(reason, out long n) ? n : 0;
        }

        private static string Describe(MeshNode node)
        {
            return string.Join(", ", node.GetStatus().Counters.Rejected.Select(p => p.Key + "=" + p.Value));
        }
    }
}

using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    public sealed class PublishSequenceTests
    {
        [Fact]
        public void PublishFramesCountApartFromHopFramesSoReceiversReplayWindowsTolerateLateBroadcasts()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            string dir = nodes.CreateNodeDirectory(fleet, "a");
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            Assert.True(NodeSecurity.TryLoad(dir, nodes.LoopbackConfig(), now, out NodeSecurity? security, out string error), error);
            using (security)
            {
                var buffer = new byte[WireFormat.HeaderLength + 16 + WireFormat.SignatureLength];
                ulong previous = 0;
                for (int i = 0; i < 3; i++)
                {
                    var publish = new FrameHeader { Kind = FrameKind.Publish, Destination = 7, PayloadLength = 16 };
                    Assert.Equal(FrameError.None, security!.SealPublish(ref publish, buffer, now, out _));
                    for (int hop = 0; hop < 1_000; hop++)
                    {
                        var membership = new FrameHeader { Kind = FrameKind.Membership, PayloadLength = 16 };
                        Assert.Equal(FrameError.None, security.Seal(ref membership, buffer, now, out _));
                    }

                    if (i > 0)
                    {
                        Assert.Equal(previous + 1, publish.Sequence);
                    }

                    previous = publish.Sequence;
                }
            }
        }
    }
}

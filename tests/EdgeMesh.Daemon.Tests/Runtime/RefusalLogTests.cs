using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Refused peers are logged once per peer and reason, and no more than the rate limit allows.</summary>
    public sealed class RefusalLogTests
    {
        [Fact]
        public void EachPeerAndReasonIsLoggedOnce()
        {
            var log = new RefusalLog();
            var peer = new NodeId(7);
            Assert.True(log.ShouldLog(peer, FrameVerdict.SenderRevoked, 0, out _));
            for (int i = 1; i < 100; i++)
            {
                Assert.False(log.ShouldLog(peer, FrameVerdict.SenderRevoked, i * 1_000, out _));
            }

            Assert.True(log.ShouldLog(peer, FrameVerdict.CertificateExpired, 200_000, out _));
            Assert.True(log.ShouldLog(new NodeId(8), FrameVerdict.SenderRevoked, 200_001, out _));
        }

        [Fact]
        public void ManyPeersAreRateLimitedAndTheSuppressedOnesReportedWhenTheWindowEnds()
        {
            var log = new RefusalLog();
            int logged = 0;
            for (ulong id = 1; id <= 100; id++)
            {
                if (log.ShouldLog(new NodeId(id), FrameVerdict.CertificateRejected, (long)id, out _))
                {
                    logged++;
                }
            }

            Assert.Equal(RefusalLog.LinesPerWindow, logged);
            Assert.Equal(100 - RefusalLog.LinesPerWindow, log.Suppressed);
            Assert.True(log.ShouldLog(new NodeId(1000), FrameVerdict.CertificateRejected, RefusalLog.WindowMs + 1, out long suppressed));
            Assert.Equal(100 - RefusalLog.LinesPerWindow, suppressed);
        }

        [Fact]
        public void OnlyPeerProblemsAreLoggedNotPacketNoise()
        {
            Assert.True(RefusalLog.IsPeerRefusal(FrameVerdict.SenderRevoked));
            Assert.True(RefusalLog.IsPeerRefusal(FrameVerdict.CertificateRejected));
            Assert.False(RefusalLog.IsPeerRefusal(FrameVerdict.Duplicate));
            Assert.False(RefusalLog.IsPeerRefusal(FrameVerdict.Replayed));
            Assert.False(RefusalLog.IsPeerRefusal(FrameVerdict.UnknownSender));
        }
    }
}

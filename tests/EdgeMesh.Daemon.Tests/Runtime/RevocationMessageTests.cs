using EdgeMesh.Daemon.Runtime;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>The 9-byte revocation offer/request: round trip, and anything else refused.</summary>
    public sealed class RevocationMessageTests
    {
        [Theory]
        [InlineData(RevocationMessage.Offer, 1UL)]
        [InlineData(RevocationMessage.Request, 0UL)]
        [InlineData(RevocationMessage.Offer, ulong.MaxValue)]
        public void OffersAndRequestsRoundTrip(byte kind, ulong version)
        {
            var buffer = new byte[RevocationMessage.Length];
            Assert.Equal(RevocationMessage.Length, RevocationMessage.Encode(kind, version, buffer));
            Assert.True(RevocationMessage.TryDecode(buffer, out byte decodedKind, out ulong decodedVersion));
            Assert.Equal(kind, decodedKind);
            Assert.Equal(version, decodedVersion);
        }

        [Fact]
        public void WrongLengthsAndKindsAreRefused()
        {
            var buffer = new byte[RevocationMessage.Length];
            RevocationMessage.Encode(RevocationMessage.Offer, 5, buffer);
            Assert.False(RevocationMessage.TryDecode(buffer.AsSpan(0, 8), out _, out _));
            Assert.False(RevocationMessage.TryDecode(new byte[10], out _, out _));
            Assert.False(RevocationMessage.TryDecode(ReadOnlySpan<byte>.Empty, out _, out _));
            buffer[0] = 3;
            Assert.False(RevocationMessage.TryDecode(buffer, out _, out _));
            buffer[0] = 0;
            Assert.False(RevocationMessage.TryDecode(buffer, out _, out _));
        }
    }
}

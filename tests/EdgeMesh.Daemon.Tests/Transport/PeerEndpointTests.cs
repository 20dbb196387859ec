using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Tests.Transport
{
    public sealed class PeerEndpointTests
    {
        [Theory]
        [InlineData("10.0.0.5:7411", false, "10.0.0.5", 7411, "udp://10.0.0.5:7411")]
        [InlineData("udp://robot-3.local:7411", false, "robot-3.local", 7411, "udp://robot-3.local:7411")]
        [InlineData("tcp://rendezvous.example:7412", true, "rendezvous.example", 7412, "tcp://rendezvous.example:7412")]
        [InlineData("[::1]:7411", false, "::1", 7411, "udp://[::1]:7411")]
        [InlineData(" TCP://[fe80::1]:1 ", true, "fe80::1", 1, "tcp://[fe80::1]:1")]
        public void ParsesTheAcceptedForms(string text, bool tcp, string host, int port, string canonical)
        {
            Assert.True(PeerEndpoint.TryParse(text, out PeerEndpoint? endpoint, out string error), error);
            Assert.Equal(tcp, endpoint!.IsTcp);
            Assert.Equal(host, endpoint.Host);
            Assert.Equal(port, endpoint.Port);
            Assert.Equal(canonical, endpoint.ToString());
        }

        [Theory]
        [InlineData("")]
        [InlineData("host")]
        [InlineData("host:")]
        [InlineData(":7411")]
        [InlineData("host:70000")]
        [InlineData("host:-1")]
        [InlineData("host:12a")]
        [InlineData("::1:7411")]
        [InlineData(null)]
        public void RefusesMalformedAddressesWithAMessage(string? text)
        {
            Assert.False(PeerEndpoint.TryParse(text, out PeerEndpoint? endpoint, out string error));
            Assert.Null(endpoint);
            Assert.NotEmpty(error);
        }
    }
}

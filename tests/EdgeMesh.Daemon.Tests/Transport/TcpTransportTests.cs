using System.Linq;
using System.Net;
using System.Net.Sockets;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Tests.Transport
{
    public sealed class TcpTransportTests
    {
        private static TcpTransportOptions Listening() => new() { Listen = new IPEndPoint(IPAddress.Loopback, 0), MaxFrameLength = 4096, Reconnect = new ReconnectOptions { InitialDelayMs = 20, MaxDelayMs = 200 } };

        [Fact]
        public void FramesCrossBothWaysWithTheirBoundaries()
        {
            var serverSide = new RecordingReceiver();
            var clientSide = new RecordingReceiver();
            using var server = new TcpTransport(Listening(), serverSide, TimeProvider.System);
            server.Start();
            using var client = new TcpTransport(new TcpTransportOptions(), clientSide, TimeProvider.System);
            TcpLink link = client.Connect("127.0.0.1", server.LocalEndPoint!.Port);
            Assert.True(clientSide.WaitLinkEvents(1));
            Assert.True(serverSide.WaitLinkEvents(1));
            Assert.True(link.IsConnected);

            for (int i = 1; i <= 50; i++)
            {
                Assert.True(link.Send(Enumerable.Repeat((byte)i, i * 7).ToArray()));
            }

            Assert.True(serverSide.WaitReceived(50));
            var frames = serverSide.Received.ToArray();
            Assert.Equal(Enumerable.Range(1, 50).Select(i => i * 7), frames.Select(f => f.Bytes.Length));
            Assert.All(frames, f => Assert.Equal(LinkChannel.Tcp, f.Channel));

            TcpLink accepted = (TcpLink)frames[0].From;
            Assert.False(accepted.IsOutbound);
            Assert.True(accepted.Send(new byte[] { 42 }));
            Assert.True(clientSide.WaitReceived(1));
            Assert.True(clientSide.Received.TryPeek(out var reply));
            Assert.Same(link, reply.From);
        }

        [Fact]
        public void BadLengthPrefixClosesOnlyThatConnectionAndIsCounted()
        {
            var serverSide = new RecordingReceiver();
            using var server = new TcpTransport(Listening(), serverSide, TimeProvider.System);
            server.Start();
            using (var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                raw.Connect(server.LocalEndPoint!);
                raw.Send(new byte[] { 0xff, 0xff, 0xff, 0xff, 1, 2, 3 });
                Assert.True(serverSide.WaitLinkEvents(2)); // up, then down
                Assert.Equal(0, raw.Receive(new byte[8])); // the server hung up
            }

            Assert.Equal(1, server.Counters[TransportCounter.BadLengthPrefix]);
            var good = new TcpTransport(new TcpTransportOptions(), new RecordingReceiver(), TimeProvider.System);
            using (good)
            {
                TcpLink link = good.Connect("127.0.0.1", server.LocalEndPoint!.Port);
                Assert.True(serverSide.WaitLinkEvents(1));
                SpinUntil(() => link.IsConnected);
                Assert.True(link.Send(new byte[] { 5 }));
                Assert.True(serverSide.WaitReceived(1));
            }
        }

        [Fact]
        public void OutboundLinkReconnectsWhenThePeerComesBack()
        {
            int port = FreeTcpPort();
            var clientSide = new RecordingReceiver();
            using var client = new TcpTransport(new TcpTransportOptions { Reconnect = new ReconnectOptions { InitialDelayMs = 20, MaxDelayMs = 100 } }, clientSide, TimeProvider.System);
            TcpLink link = client.Connect("127.0.0.1", port);
            Assert.False(link.Send(new byte[] { 1 })); // nobody there yet: refused and counted, no exception
            SpinUntil(() => client.Counters[TransportCounter.ConnectFailures] >= 2); // retrying, not giving up

            var options = Listening();
            options.Listen = new IPEndPoint(IPAddress.Loopback, port);
            var serverSide = new RecordingReceiver();
            using (var server = new TcpTransport(options, serverSide, TimeProvider.System))
            {
                server.Start();
                Assert.True(clientSide.WaitLinkEvents(1));
            }

            Assert.True(clientSide.WaitLinkEvents(1)); // the server went away
            Assert.False(link.IsConnected);
            using (var again = new TcpTransport(options, serverSide, TimeProvider.System))
            {
                again.Start();
                Assert.True(clientSide.WaitLinkEvents(1));
                SpinUntil(() => link.IsConnected);
                Assert.True(link.Send(new byte[] { 2 }));
                Assert.True(serverSide.WaitReceived(1));
            }

            Assert.True(client.Counters[TransportCounter.Connects] >= 2);
        }

        internal static int FreeTcpPort()
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        private static void SpinUntil(Func<bool> condition)
        {
            Assert.True(SpinWait.SpinUntil(condition, 5_000));
        }
    }
}

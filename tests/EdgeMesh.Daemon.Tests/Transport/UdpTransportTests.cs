using System.Linq;
using System.Net;
using System.Net.Sockets;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Tests.Transport
{
    public sealed class UdpTransportTests
    {
        private static UdpTransportOptions Loopback(int maxDatagram = 1400) => new() { Listen = new IPEndPoint(IPAddress.Loopback, 0), MaxDatagramSize = maxDatagram };

        [Fact]
        public void FramesArriveBatchedFromOneStableSourceAddress()
        {
            var receiver = new RecordingReceiver();
            using var a = new UdpTransport(Loopback(), new RecordingReceiver());
            using var b = new UdpTransport(Loopback(), receiver);
            b.Start();
            var toB = new UdpAddress(b.LocalEndPoint);
            for (int i = 0; i < 10; i++)
            {
                a.Send(toB, Enumerable.Repeat((byte)i, 300).ToArray());
            }

            a.Flush();
            // 4 frames of 300 bytes fit in 1400: 10 frames make 3 datagrams.
            Assert.True(receiver.WaitReceived(3));
            var datagrams = receiver.Received.ToArray();
            Assert.Equal(new[] { 1200, 1200, 600 }, datagrams.Select(d => d.Bytes.Length).ToArray());
            Assert.All(datagrams, d => Assert.Same(datagrams[0].From, d.From));
            Assert.Equal(new UdpAddress(a.LocalEndPoint), datagrams[0].From);
            Assert.Equal(3, a.Counters[TransportCounter.PacketsOut]);
            Assert.Equal(3000, b.Counters[TransportCounter.BytesIn]);
        }

        [Fact]
        public void ReceiveLoopSurvivesAHandlerFaultAndKeepsReceiving()
        {
            var receiver = new RecordingReceiver();
            int calls = 0;
            receiver.OnBytes = (_, _) =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("handler bug");
                }
            };
            using var b = new UdpTransport(Loopback(), receiver);
            Exception? observed = null;
            b.ErrorObserved = e => observed = e;
            b.Start();
            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            raw.SendTo(new byte[] { 1, 2, 3 }, b.LocalEndPoint);
            Assert.True(receiver.WaitReceived(1));
            raw.SendTo(new byte[] { 4 }, b.LocalEndPoint);
            Assert.True(receiver.WaitReceived(1));
            Assert.Equal(1, b.Counters[TransportCounter.HandlerFaults]);
            Assert.IsType<InvalidOperationException>(observed);
        }

        [Fact]
        public void SendingToAClosedPortDoesNotStopTheNode()
        {
            var receiver = new RecordingReceiver();
            using var a = new UdpTransport(Loopback(), receiver);
            a.Start();
            int deadPort;
            using (var gone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                gone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                deadPort = ((IPEndPoint)gone.LocalEndPoint!).Port;
            }

            for (int i = 0; i < 5; i++)
            {
                a.Send(new UdpAddress(new IPEndPoint(IPAddress.Loopback, deadPort)), new byte[64]);
                a.Flush();
            }

            using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            raw.SendTo(new byte[] { 9 }, a.LocalEndPoint);
            Assert.True(receiver.WaitReceived(1));
        }

        [Fact]
        public void DiscoverySocketsOfSeveralNodesShareTheGroupOnThisHost()
        {
            var group = IPAddress.Parse("239.255.77.91");
            int port = FreeUdpPort();
            UdpTransportOptions Listener() => new()
            {
                Listen = new IPEndPoint(IPAddress.Any, port),
                JoinGroup = group,
                MulticastInterface = IPAddress.Loopback,
                MulticastTtl = 0,
                ReuseAddress = true,
                Channel = LinkChannel.Discovery,
            };
            var r1 = new RecordingReceiver();
            var r2 = new RecordingReceiver();
            using var l1 = new UdpTransport(Listener(), r1);
            using var l2 = new UdpTransport(Listener(), r2);
            l1.Start();
            l2.Start();
            using var sender = new UdpTransport(new UdpTransportOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), MulticastInterface = IPAddress.Loopback, MulticastTtl = 0 }, new RecordingReceiver());
            sender.SendDatagram(new UdpAddress(new IPEndPoint(group, port)), new byte[] { 7, 7 });
            Assert.True(r1.WaitReceived(1));
            Assert.True(r2.WaitReceived(1));
            Assert.True(r1.Received.TryPeek(out var beacon));
            Assert.Equal(LinkChannel.Discovery, beacon.Channel);
            Assert.Equal(new UdpAddress(sender.LocalEndPoint), beacon.From); // replies go to the sender's node socket
        }

        internal static int FreeUdpPort()
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
    }
}

using System.Collections.Generic;
using System.Net;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Tests.Transport
{
    public sealed class DatagramBatcherTests
    {
        private static readonly UdpAddress A = new(new IPEndPoint(IPAddress.Loopback, 1001));
        private static readonly UdpAddress B = new(new IPEndPoint(IPAddress.Loopback, 1002));

        [Fact]
        public void FramesForOneDestinationShareDatagramsWithinTheBudget()
        {
            var sink = new RecordingSink();
            var batcher = new DatagramBatcher(4, 100, sink);
            for (int i = 0; i < 7; i++)
            {
                batcher.Add(A, Frame(40, (byte)i), out bool oversize);
                Assert.False(oversize);
            }

            batcher.Flush();
            // 40+40 fit in 100, a third does not: 7 frames make datagrams of 2, 2, 2, 1.
            Assert.Equal(new[] { 80, 80, 80, 40 }, sink.Sent.ConvertAll(d => d.Bytes.Length));
            Assert.All(sink.Sent, d => Assert.Equal(A, d.To));
            Assert.Equal(new byte[] { 0, 1 }, new[] { sink.Sent[0].Bytes[0], sink.Sent[0].Bytes[40] });
        }

        [Fact]
        public void DestinationsAreBatchedSeparately()
        {
            var sink = new RecordingSink();
            var batcher = new DatagramBatcher(4, 1400, sink);
            batcher.Add(A, Frame(10, 1), out _);
            batcher.Add(B, Frame(20, 2), out _);
            batcher.Add(A, Frame(30, 3), out _);
            Assert.Empty(sink.Sent);
            batcher.Flush();
            Assert.Equal(2, sink.Sent.Count);
            Assert.Equal(40, sink.Sent.Find(d => d.To.Equals(A))!.Bytes.Length);
            Assert.Equal(20, sink.Sent.Find(d => d.To.Equals(B))!.Bytes.Length);
            Assert.Equal(0, batcher.OpenBatches);
        }

        [Fact]
        public void OversizeFrameGoesAloneAfterThePendingBatch()
        {
            var sink = new RecordingSink();
            var batcher = new DatagramBatcher(2, 100, sink);
            batcher.Add(A, Frame(30, 1), out _);
            batcher.Add(A, Frame(150, 2), out bool oversize);
            Assert.True(oversize);
            Assert.Equal(new[] { 30, 150 }, sink.Sent.ConvertAll(d => d.Bytes.Length));
        }

        [Fact]
        public void RunningOutOfSlotsFlushesTheOpenBatches()
        {
            var sink = new RecordingSink();
            var batcher = new DatagramBatcher(2, 100, sink);
            batcher.Add(A, Frame(10, 1), out _);
            batcher.Add(B, Frame(10, 2), out _);
            var c = new UdpAddress(new IPEndPoint(IPAddress.Loopback, 1003));
            batcher.Add(c, Frame(10, 3), out _);
            Assert.Equal(2, sink.Sent.Count);
            batcher.Flush();
            Assert.Equal(3, sink.Sent.Count);
            Assert.Equal(c, sink.Sent[2].To);
        }

        private static byte[] Frame(int length, byte marker)
        {
            var frame = new byte[length];
            Array.Fill(frame, marker);
            return frame;
        }

        private sealed class RecordingSink : IDatagramSink
        {
            internal List<(UdpAddress To, byte[] Bytes)> Sent { get; } = new();

            public void SendDatagram(UdpAddress to, ReadOnlySpan<byte> datagram)
            {
                Sent.Add((to, datagram.ToArray()));
            }
        }
    }
}

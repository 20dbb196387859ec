using System.Collections.Generic;
using EdgeMesh.Hardware.Boards;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Tests.Boards;
using EdgeMesh.Hardware.Tests.Support;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Hardware.Tests.Radio
{
    /// <summary>
    /// What a daemon with <c>radio: { board, sim: true }</c> would run: the board's radio opened as a
    /// simulated chip, link options from the board, and a RadioLink in lightweight mode, two of them
    /// exchanging messages both ways over the simulated air.
    /// </summary>
    public sealed class BoardLinkTests
    {
        [Theory]
        [InlineData("rpi4-sx1276-bonnet", 300)]
        [InlineData("rpi-nrf24l01-spi0", 5)]
        public void Two_nodes_of_a_board_exchange_messages_through_the_real_pipeline(string boardName, double distance)
        {
            BoardDefinition board = BoardCatalog.Load(BoardFileTests.BoardsDirectory(), boardName, out _)!;
            var air = new SimulatedAir(new EventScheduler(), 3);
            var nodes = new List<(BoardRadio Radio, RadioLink Link, OutboundFramer Framer, List<byte[]> Got)>();
            for (int i = 0; i < 2; i++)
            {
                BoardRadio radio = BoardRadio.OpenSimulated(board, air, i * distance, 0);
                Assert.True(radio.Probe(out _));
                Assert.Equal(RadioResult.Ok, radio.Configure(14, 0, -1));
                var got = new List<byte[]>();
                var id = new NodeId(0xA0UL + (ulong)i);
                var link = new RadioLink(radio.Radio, id, radio.LinkOptions(), new FrameMac(LinkMesh.SegmentKey, 0, 32), new Collect(got), (ushort)(i * 500), 0);
                Assert.Equal(RadioResult.Ok, link.Start());
                nodes.Add((radio, link, new OutboundFramer(id, 1), got));
            }

            for (int round = 0; round < 3; round++)
            {
                // Node 1 answers 2 s after node 0 sends: the link has no listen-before-talk, so two
                // transmissions started at the same instant would collide.
                long start = air.Scheduler.NowMicroseconds;
                long until = start + 10000000;
                int next = 0;
                while (air.Scheduler.NowMicroseconds < until)
                {
                    if (next < 2 && air.Scheduler.NowMicroseconds >= start + (next * 2000000))
                    {
                        byte[] frame = Seal(nodes[next].Framer, "message " + round + " from " + next, air.Scheduler.NowMicroseconds / 1000);
                        Assert.Equal(FrameError.None, nodes[next].Link.Send(frame, 0, frame.Length));
                        next++;
                    }

                    foreach (var n in nodes)
                    {
                        n.Link.Poll(air.Scheduler.NowMicroseconds / 1000);
                    }

                    air.Scheduler.RunUntil(System.Math.Min(air.Scheduler.NextEventAt, air.Scheduler.NowMicroseconds + 1000));
                }
            }

            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(3, nodes[i].Got.Count);
                Assert.Equal("message 2 from " + (1 - i), System.Text.Encoding.UTF8.GetString(nodes[i].Got[2]));
                nodes[i].Radio.Dispose();
            }
        }

        private static byte[] Seal(OutboundFramer framer, string text, long nowMs)
        {
            byte[] payload = System.Text.Encoding.UTF8.GetBytes(text);
            var header = new FrameHeader { Kind = FrameKind.Publish, Security = SecurityMode.Mac, Priority = Priority.Telemetry, HopLimit = 2, PayloadLength = payload.Length };
            var buffer = new byte[WireFormat.HeaderLength + payload.Length + WireFormat.MacLength];
            Array.Copy(payload, 0, buffer, FrameCodec.PayloadOffset(0), payload.Length);
            Assert.Equal(FrameError.None, framer.Seal(ref header, buffer, 0, buffer.Length, nowMs, out int length));
            Assert.Equal(MacResult.Ok, new FrameMac(LinkMesh.SegmentKey, 0, 32).Seal(buffer, 0, length, out _));
            return buffer;
        }

        private sealed class Collect : IFrameSink
        {
            private readonly List<byte[]> _got;

            internal Collect(List<byte[]> got)
            {
                _got = got;
            }

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                var payload = new byte[header.PayloadLength];
                Array.Copy(buffer, FrameCodec.PayloadOffset(frameOffset), payload, 0, payload.Length);
                _got.Add(payload);
            }
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.Hardware.Nrf24l01;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;
using EdgeMesh.Hardware.Simulation.Nrf24l01;
using EdgeMesh.Hardware.Simulation.Sx127x;
using EdgeMesh.Hardware.Sx127x;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Hardware.Tests.Support
{
    /// <summary>Nodes with a real driver and a <see cref="RadioLink"/> each, on one simulated air.</summary>
    internal sealed class LinkMesh
    {
        internal static readonly byte[] SegmentKey = "edgemesh-test-segment-key-32byte"u8.ToArray();

        internal LinkMesh(int seed = 1)
        {
            Scheduler = new EventScheduler();
            Air = new SimulatedAir(Scheduler, seed);
        }

        internal EventScheduler Scheduler { get; }

        internal SimulatedAir Air { get; }

        internal List<Node> Nodes { get; } = new List<Node>();

        internal long NowMs
        {
            get { return Scheduler.NowMicroseconds / 1000; }
        }

        internal Node AddLoRa(double x, RadioLinkOptions? options = null, byte[]? key = null, LoRaSettings? settings = null)
        {
            var chip = new Sx1276Model(Air, x, 0);
            var driver = new Sx127xDriver(chip, chip.Reset, Scheduler);
            Assert.True(driver.Probe());
            Assert.Equal(RadioResult.Ok, driver.Configure(settings ?? new LoRaSettings()));
            return Add(driver, () => chip.Dio0.Read(), options ?? new RadioLinkOptions(), key);
        }

        internal Node AddNrf24(double x, RadioLinkOptions? options = null)
        {
            var chip = new Nrf24l01Model(Air, x, 0);
            var driver = new Nrf24l01Driver(chip, chip.Ce, Scheduler);
            Assert.True(driver.Probe());
            var address = new byte[] { 0xE5, 0x4D, 0x45, 0x53, 0x48 };
            Assert.Equal(RadioResult.Ok, driver.Configure(new Nrf24Settings { AutoAck = false, TransmitAddress = address, Pipe1Address = address }));
            options ??= new RadioLinkOptions { DutyCyclePpm = AirtimeBudget.Unlimited, UseSnr = false, SnrWindowMs = 20, JitterWindowMs = 10 };
            return Add(driver, () => !chip.Irq.Read(), options, null);
        }

        /// <summary>Runs simulated time in steps of at most 1 ms, polling every link as its radio loop would.</summary>
        internal void Run(long untilMs)
        {
            long until = untilMs * 1000;
            while (Scheduler.NowMicroseconds < until)
            {
                foreach (Node node in Nodes)
                {
                    node.Link.Poll(NowMs);
                }

                long next = System.Math.Min(Scheduler.NextEventAt, Scheduler.NowMicroseconds + 1000);
                Scheduler.RunUntil(System.Math.Min(next, until));
            }

            foreach (Node node in Nodes)
            {
                node.Link.Poll(NowMs);
            }
        }

        /// <summary>A sealed lightweight-mode publish frame from <paramref name="sender"/>.</summary>
        internal byte[] Frame(Node sender, byte[] payload, byte[]? key = null, byte hopLimit = 3)
        {
            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = SecurityMode.Mac,
                Priority = Priority.Telemetry,
                HopLimit = hopLimit,
                PayloadLength = payload.Length,
            };
            var buffer = new byte[WireFormat.HeaderLength + payload.Length + WireFormat.MacLength];
            Array.Copy(payload, 0, buffer, FrameCodec.PayloadOffset(0), payload.Length);
            Assert.Equal(FrameError.None, sender.Framer.Seal(ref header, buffer, 0, buffer.Length, NowMs, out int length));
            Assert.Equal(buffer.Length, length);
            var mac = new FrameMac(key ?? SegmentKey, 0, (key ?? SegmentKey).Length);
            Assert.Equal(MacResult.Ok, mac.Seal(buffer, 0, length, out _));
            return buffer;
        }

        private Node Add(IPacketRadio driver, System.Func<bool> irq, RadioLinkOptions options, byte[]? key)
        {
            var id = new NodeId(0x1000UL + (ulong)Nodes.Count);
            options.FloodSeed = 0x9E3779B9u ^ (uint)(Nodes.Count * 7919 + 1);
            byte[] k = key ?? SegmentKey;
            var sink = new RecordingSink();
            var link = new RadioLink(driver, id, options, new FrameMac(k, 0, k.Length), sink, (ushort)(Nodes.Count * 1000), NowMs);
            Assert.Equal(RadioResult.Ok, link.Start());
            var node = new Node(id, driver, link, sink, new OutboundFramer(id, 1), irq);
            Nodes.Add(node);
            return node;
        }

        internal sealed class Node
        {
            internal Node(NodeId id, IPacketRadio radio, RadioLink link, RecordingSink sink, OutboundFramer framer, System.Func<bool> irq)
            {
                Id = id;
                Radio = radio;
                Link = link;
                Sink = sink;
                Framer = framer;
                Irq = irq;
            }

            internal NodeId Id { get; }

            internal IPacketRadio Radio { get; }

            internal RadioLink Link { get; }

            internal RecordingSink Sink { get; }

            internal OutboundFramer Framer { get; }

            internal System.Func<bool> Irq { get; }
        }

        internal sealed class RecordingSink : IFrameSink
        {
            internal List<(ulong Sender, byte HopCount, byte[] Payload)> Frames { get; } = new List<(ulong, byte, byte[])>();

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                var payload = new byte[header.PayloadLength];
                Array.Copy(buffer, FrameCodec.PayloadOffset(frameOffset), payload, 0, payload.Length);
                Frames.Add((header.Sender.Value, header.HopCount, payload));
            }
        }
    }
}

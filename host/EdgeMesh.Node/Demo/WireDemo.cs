using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using EdgeMesh.Protocol.Dedup;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Node.Demo
{
    /// <summary>
    /// Shows the wire core end to end: typed payloads are encoded into v1 frames, carried over a
    /// serial link (COBS + CRC-16 records, read back in small chunks) and over a small-MTU radio
    /// link (fragmented, delivered out of order), and decoded by a receiving pipeline.
    /// </summary>
    internal sealed class WireDemo
    {
        private const int MaxPayload = 1024;
        private static readonly NodeId Robot = new NodeId(0x00000000000000A7);

        private readonly TextWriter _out;
        private readonly int _mtu;
        private readonly Random _random;
        private readonly long _startMs;

        internal WireDemo(TextWriter output, int mtu, int seed, long startMs)
        {
            _out = output;
            _mtu = mtu;
            _random = new Random(seed);
            _startMs = startMs;
        }

        /// <summary>Runs the demo and returns what the receivers delivered.</summary>
        internal DemoResult Run()
        {
            List<byte[]> frames = EncodeAll();
            int serial = OverSerial(frames);
            (int radio, int duplicates) = OverRadio(frames);
            return new DemoResult(frames.Count, serial, radio, duplicates);
        }

        private List<DemoMessage> Messages()
        {
            ulong health = TopicId.FromName("fleet/health");
            ulong sensors = TopicId.FromName("fleet/telemetry");
            var operatorStation = 0x00000000000000C1UL;
            var messages = new List<DemoMessage>
            {
                new("heartbeat", FrameKind.Publish, health, Priority.Telemetry, PayloadType.Heartbeat, (byte[] d, int o, int c, out int w) =>
                    HeartbeatCodec.Encode(
                        new Heartbeat(NodeStatus.Ok, 8720, 24150, 3600, new Pose(new Vector3F(12.5f, -3.25f, 0f), QuaternionF.Identity)),
                        d, o, c, out w)),
                new("motion", FrameKind.Direct, 0x00000000000000B2UL, Priority.Motion, PayloadType.MotionCommand, (byte[] d, int o, int c, out int w) =>
                    MotionCommandCodec.Encode(new MotionCommand(17, new Vector3F(0.4f, 0f, 0f), new Vector3F(0f, 0f, 0.25f), 500), d, o, c, out w)),
                new("telemetry", FrameKind.Publish, sensors, Priority.Telemetry, PayloadType.Telemetry, (byte[] d, int o, int c, out int w) =>
                    TelemetryCodec.Encode(new ushort[] { 1, 2, 7 }, new float[] { 21.5f, 0.93f, 101.325f }, 0, 3, d, o, c, out w)),
                new("text", FrameKind.Direct, operatorStation, Priority.Bulk, PayloadType.Text, (byte[] d, int o, int c, out int w) =>
                    TextCodec.Encode("dock 3 is free, heading there", d, o, c, out w)),
            };

            // An answer longer than a radio-friendly payload, split into chunks on UTF-8 boundaries.
            byte[] answer = Encoding.UTF8.GetBytes("Obstacle ahead at 2.4 m; replanning via the east aisle — ETA 40 s.");
            var splitter = new LlmChunkSplitter();
            splitter.Begin(0x5EED, LlmChunkFlags.None, answer, 0, answer.Length, 48);
            for (int i = 0; i < splitter.ChunkCount; i++)
            {
                messages.Add(new DemoMessage("llm chunk", FrameKind.Direct, operatorStation, Priority.Bulk, PayloadType.LlmResponse, splitter.EncodeNext));
            }

            return messages;
        }

        private List<byte[]> EncodeAll()
        {
            var framer = new OutboundFramer(Robot, 1);
            var frames = new List<byte[]>();
            byte[] buffer = new byte[WireFormat.HeaderLength + MaxPayload + WireFormat.MacLength];
            _out.WriteLine($"1. Encode: typed messages from node {Robot} into v1 frames (38-byte header + payload + 16-byte MAC slot)");
            foreach (DemoMessage message in Messages())
            {
                int payloadOffset = FrameCodec.PayloadOffset(0);
                FrameError error = message.Encode(buffer, payloadOffset, MaxPayload, out int payloadLength);
                var header = new FrameHeader
                {
                    Kind = message.Kind,
                    Security = SecurityMode.Mac,
                    Priority = message.Priority,
                    HopLimit = 3,
                    Destination = message.Destination,
                    PayloadType = message.PayloadType,
                    PayloadLength = payloadLength,
                };
                if (error == FrameError.None)
                {
                    error = framer.Seal(ref header, buffer, 0, buffer.Length, _startMs + frames.Count, out int frameLength);
                    if (error == FrameError.None)
                    {
                        frames.Add(buffer[..frameLength]);
                        _out.WriteLine($"   {message.Label,-10} {frameLength,4} B  {Preview(buffer, frameLength)}");
                        continue;
                    }
                }

                _out.WriteLine($"   {message.Label,-10} not encoded: {error}");
            }

            return frames;
        }

        private int OverSerial(List<byte[]> frames)
        {
            var stream = new MemoryStream();
            byte[] record = new byte[StreamFramer.MaxRecordLength(WireFormat.HeaderLength + MaxPayload + WireFormat.MacLength)];
            foreach (byte[] frame in frames)
            {
                StreamFramer.Encode(frame, 0, frame.Length, record, 0, record.Length, out int written);
                stream.Write(record, 0, written);
            }

            byte[] wire = stream.ToArray();
            _out.WriteLine();
            _out.WriteLine($"2. Serial link: {frames.Count} frames as COBS records with CRC-16 = {wire.Length} bytes, read back in chunks of 1-16 bytes");
            var receiver = new Receiver(_out, "serial");
            var deframer = new StreamDeframer(record.Length);
            for (int offset = 0; offset < wire.Length;)
            {
                int chunk = Math.Min(wire.Length - offset, 1 + _random.Next(16));
                deframer.Push(wire, offset, chunk, receiver);
                offset += chunk;
            }

            _out.WriteLine($"   records ok={deframer.FramesOk} bad-crc={deframer.BadChecksum} bad-cobs={deframer.BadEncoding} oversize={deframer.Oversize}");
            return (int)receiver.Pipeline.Counters.Delivered;
        }

        private (int Delivered, int Duplicates) OverRadio(List<byte[]> frames)
        {
            _out.WriteLine();
            _out.WriteLine($"3. Radio link, {_mtu}-byte packets: frames that do not fit are fragmented; packets arrive shuffled");
            var fragmenter = new Fragmenter(_mtu, (ushort)_random.Next(ushort.MaxValue));
            var packets = new List<byte[]>();
            byte[] packet = new byte[_mtu];
            foreach (byte[] frame in frames)
            {
                if (fragmenter.Begin(frame, 0, frame.Length) != FrameError.None)
                {
                    _out.WriteLine($"   frame of {frame.Length} B is too large for {_mtu}-byte packets");
                    continue;
                }

                while (fragmenter.HasNextPacket)
                {
                    fragmenter.NextPacket(packet, 0, packet.Length, out int written);
                    packets.Add(packet[..written]);
                }
            }

            // Shuffle within a small horizon, as a radio with retries and relays reorders.
            for (int i = 0; i < packets.Count; i++)
            {
                int j = Math.Min(packets.Count - 1, i + _random.Next(4));
                (packets[i], packets[j]) = (packets[j], packets[i]);
            }

            // A relay repeats the first packet: the receiver must deliver its message only once.
            packets.Add(packets[0]);
            _out.WriteLine($"   {frames.Count} frames -> {packets.Count} packets (the last one a repeat)");

            var receiver = new Receiver(_out, "radio");
            var reassembler = new Reassembler(_mtu, 8, WireFormat.HeaderLength + MaxPayload + WireFormat.MacLength, 5_000);
            long now = _startMs;
            foreach (byte[] p in packets)
            {
                ReassemblyResult result = reassembler.Push(0xB2, p, 0, p.Length, now += 3, out byte[] frame, out int frameOffset, out int frameLength);
                if (result == ReassemblyResult.Complete)
                {
                    receiver.OnFrame(frame, frameOffset, frameLength);
                }
            }

            PipelineCounters counters = receiver.Pipeline.Counters;
            int duplicates = (int)(counters.Rejected(FrameError.Duplicate) + reassembler.Rejections(ReassemblyRejection.Duplicate));
            _out.WriteLine($"   reassembled={reassembler.Reassembled} passed-through={reassembler.PassedThrough} delivered={counters.Delivered} duplicates-suppressed={duplicates}");
            return ((int)counters.Delivered, duplicates);
        }

        private static string Preview(byte[] frame, int length)
        {
            int shown = Math.Min(length, 24);
            string hex = Hex.Format(frame, 0, shown);
            var spaced = new StringBuilder(shown * 3);
            for (int i = 0; i < hex.Length; i += 2)
            {
                spaced.Append(hex, i, 2).Append(' ');
            }

            return spaced.Append(length > shown ? "..." : string.Empty).ToString();
        }

        /// <summary>A receiving node: link output goes through its inbound pipeline and is printed.</summary>
        private sealed class Receiver : ILinkFrameSink, IFrameSink
        {
            private readonly TextWriter _out;
            private readonly string _link;

            internal Receiver(TextWriter output, string link)
            {
                _out = output;
                _link = link;
                Pipeline = new InboundPipeline(MaxPayload, new SeenMessageCache(256), new SequenceWindow(16, 1), this, null);
            }

            internal InboundPipeline Pipeline { get; }

            public void OnFrame(byte[] buffer, int offset, int count)
            {
                if (!Pipeline.Receive(buffer, offset, count))
                {
                    _out.WriteLine(Pipeline.LastRejection == FrameError.Duplicate
                        ? $"   [{_link}] repeat of a delivered message: suppressed"
                        : $"   [{_link}] not delivered: {Pipeline.LastRejection}");
                }
            }

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                string payload = PayloadPrinter.Describe(header.PayloadType, buffer, FrameCodec.PayloadOffset(frameOffset), header.PayloadLength);
                _out.WriteLine($"   [{_link}] seq={header.Sequence} {header.Kind}/{header.Priority}: {payload}");
            }
        }
    }
}

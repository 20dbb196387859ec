using EdgeMesh.Protocol.Dedup;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Pipeline
{
    /// <summary>The hot path allocates nothing once warm: proven by counting, not assumed.</summary>
    public sealed class SteadyStateAllocationTests
    {
        private sealed class CountingSink : IFrameSink
        {
            public long Bytes;

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                Bytes += header.PayloadLength;
            }
        }

        private sealed class AllocatingSink : IFrameSink
        {
            public object? Last;

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                Last = buffer[frameOffset..(frameOffset + header.FrameLength)];
            }
        }

        [Fact]
        public void The_measurement_sees_an_allocation_in_the_path()
        {
            // Guard check: the same measurement must catch a path that copies each frame.
            var pipeline = new InboundPipeline(1024, new SeenMessageCache(64), new SequenceWindow(8, 1), new AllocatingSink(), null);
            var framer = new OutboundFramer(new NodeId(9), 1);
            byte[] buffer = new byte[128];
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                var header = new FrameHeader { Kind = FrameKind.Publish, HopLimit = 1, PayloadLength = 16 };
                framer.Seal(ref header, buffer, 0, buffer.Length, 1, out int length);
                pipeline.Receive(buffer, 0, length);
            }

            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before >= 10 * 54);
        }

        [Fact]
        public void Encoding_and_receiving_100k_frames_allocates_nothing()
        {
            var pool = new BufferPool(4, 256);
            var framer = new OutboundFramer(new NodeId(0x1234), 1);
            var sink = new CountingSink();
            var pipeline = new InboundPipeline(1024, new SeenMessageCache(4096), new SequenceWindow(256, 4), sink, null);

            void Run(int frames)
            {
                for (int i = 0; i < frames; i++)
                {
                    byte[] buffer = pool.Rent()!;
                    int payloadOffset = FrameCodec.PayloadOffset(0);
                    for (int p = 0; p < 64; p++)
                    {
                        buffer[payloadOffset + p] = (byte)(i + p);
                    }

                    var header = new FrameHeader { Kind = FrameKind.Publish, Priority = Priority.Telemetry, HopLimit = 3, PayloadLength = 64 };
                    framer.Seal(ref header, buffer, 0, buffer.Length, 1_763_700_000_000 + i, out int length);
                    pipeline.Receive(buffer, 0, length);
                    pool.Return(buffer);
                }
            }

            Run(1000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(100_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(101_000, pipeline.Counters.Delivered);
            Assert.Equal(101_000 * 64L, sink.Bytes);
        }
    
        /// <summary>Decodes each delivered telemetry payload, as an application would.</summary>
        private sealed class TelemetrySink : IFrameSink, ILinkFrameSink
        {
            public InboundPipeline? Pipeline;
            public double Sum;

            public void OnFrame(byte[] buffer, int offset, int count)
            {
                Pipeline!.Receive(buffer, offset, count);
            }

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                if (TelemetryCodec.Decode(buffer, FrameCodec.PayloadOffset(frameOffset), header.PayloadLength, out TelemetryView view) == FrameError.None)
                {
                    Sum += view.GetValue(0);
                }
            }
        }

        [Fact]
        public void Payload_to_serial_record_and_back_allocates_nothing_for_100k_messages()
        {
            var framer = new OutboundFramer(new NodeId(0x77), 1);
            var sink = new TelemetrySink();
            sink.Pipeline = new InboundPipeline(1024, new SeenMessageCache(4096), new SequenceWindow(256, 4), sink, null);
            var deframer = new StreamDeframer(512);
            var writer = new TelemetryWriter();
            byte[] frame = new byte[256];
            byte[] record = new byte[512];

            void Run(int messages)
            {
                for (int i = 0; i < messages; i++)
                {
                    int payloadOffset = FrameCodec.PayloadOffset(0);
                    writer.Begin(frame, payloadOffset, 200);
                    writer.Add(1, 1f);
                    writer.Add(2, i);
                    var header = new FrameHeader { Kind = FrameKind.Publish, Priority = Priority.Telemetry, HopLimit = 3, Security = SecurityMode.Mac, PayloadType = PayloadType.Telemetry, PayloadLength = writer.Length };
                    framer.Seal(ref header, frame, 0, frame.Length, 1_763_700_000_000 + i, out int frameLength);
                    StreamFramer.Encode(frame, 0, frameLength, record, 0, record.Length, out int recordLength);
                    deframer.Push(record, 0, recordLength, sink);
                }
            }

            Run(1000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(100_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(0, allocated);
            Assert.Equal(101_000, sink.Pipeline.Counters.Delivered);
            Assert.Equal(101_000d, sink.Sum);
        }
    }
}

using EdgeMesh.Protocol.Dedup;
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
    }
}

using EdgeMesh.Protocol.Dedup;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Pipeline
{
    public sealed class InboundPipelineTests
    {
        private sealed class RecordingSink : IFrameSink
        {
            public int Count;
            public ulong LastSequence;

            public void OnFrame(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                Count++;
                LastSequence = header.Sequence;
            }
        }

        private sealed class RefusingAuthenticator : IFrameAuthenticator
        {
            public bool Allow;

            public bool Authenticate(ref FrameHeader header, byte[] buffer, int frameOffset)
            {
                return Allow;
            }
        }

        private static byte[] Frame(ulong sequence, int payloadLength = 8)
        {
            var framer = new OutboundFramer(new NodeId(0xABCDEF), sequence);
            byte[] buffer = new byte[200];
            var header = new FrameHeader { Kind = FrameKind.Publish, HopLimit = 3, PayloadLength = payloadLength };
            Assert.Equal(FrameError.None, framer.Seal(ref header, buffer, 0, buffer.Length, 1_763_700_000_000, out int length));
            return buffer[..length];
        }

        private static InboundPipeline Create(RecordingSink sink, IFrameAuthenticator? authenticator = null)
        {
            return new InboundPipeline(1024, new SeenMessageCache(256), new SequenceWindow(64, 2), sink, authenticator);
        }

        [Fact]
        public void Delivers_each_message_once_and_counts_duplicates()
        {
            var sink = new RecordingSink();
            InboundPipeline pipeline = Create(sink);
            byte[] frame = Frame(5);
            Assert.True(pipeline.Receive(frame, 0, frame.Length));
            Assert.False(pipeline.Receive(frame, 0, frame.Length));
            Assert.Equal(FrameError.Duplicate, pipeline.LastRejection);
            Assert.Equal(1, sink.Count);
            Assert.Equal(1, pipeline.Counters.Delivered);
            Assert.Equal(1, pipeline.Counters.Rejected(FrameError.Duplicate));
        }

        [Fact]
        public void Frames_behind_the_window_are_refused_as_too_old()
        {
            var sink = new RecordingSink();
            InboundPipeline pipeline = Create(sink);
            byte[] recent = Frame(1000);
            byte[] old = Frame(10);
            pipeline.Receive(recent, 0, recent.Length);
            Assert.False(pipeline.Receive(old, 0, old.Length));
            Assert.Equal(1, pipeline.Counters.Rejected(FrameError.TooOld));
        }

        [Fact]
        public void Unauthenticated_frames_are_not_delivered_and_do_not_move_the_window()
        {
            var sink = new RecordingSink();
            var authenticator = new RefusingAuthenticator();
            InboundPipeline pipeline = Create(sink, authenticator);
            byte[] forged = Frame(1_000_000);
            Assert.False(pipeline.Receive(forged, 0, forged.Length));
            Assert.Equal(1, pipeline.Counters.Unauthenticated);

            // Had the forged sequence been recorded, this genuine older frame would be "too old".
            authenticator.Allow = true;
            byte[] genuine = Frame(3);
            Assert.True(pipeline.Receive(genuine, 0, genuine.Length));
            Assert.Equal(3UL, sink.LastSequence);
        }

        [Fact]
        public void A_batch_delivers_every_frame_and_stops_at_garbage()
        {
            var sink = new RecordingSink();
            InboundPipeline pipeline = Create(sink);
            byte[] a = Frame(1);
            byte[] b = Frame(2, 0);
            byte[] datagram = new byte[a.Length + b.Length + 5];
            a.CopyTo(datagram, 0);
            b.CopyTo(datagram, a.Length);
            datagram[^5] = 0x7F;
            Assert.Equal(2, pipeline.ReceiveBatch(datagram, 0, datagram.Length));
            Assert.Equal(1, pipeline.Counters.Rejected(FrameError.UnsupportedVersion));
        }

        [Fact]
        public void Malformed_input_is_counted_by_reason()
        {
            var sink = new RecordingSink();
            InboundPipeline pipeline = Create(sink);
            byte[] frame = Frame(1);
            Assert.False(pipeline.Receive(frame, 0, frame.Length - 1));
            Assert.Equal(FrameError.Truncated, pipeline.LastRejection);
            Assert.False(pipeline.Receive(frame, 0, 0));
            Assert.Equal(2, pipeline.Counters.Rejected(FrameError.Truncated));
            Assert.Equal(0, sink.Count);
        }
    }
}

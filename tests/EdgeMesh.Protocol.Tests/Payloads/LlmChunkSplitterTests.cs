using System.Collections.Generic;
using System.Text;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class LlmChunkSplitterTests
    {
        private static readonly Gen<(string Text, int Budget, bool Error)> Cases =
            from text in PayloadGen.AnyString
            from budget in Gen.Frequency((3, Gen.Choose(LlmChunkSplitter.MinPayloadLength, 40)), (1, Gen.Choose(41, 300)))
            from error in Gen.Elements(false, true)
            select (text, budget, error);

        [Fact]
        public void Chunks_fit_the_budget_decode_alone_and_reassemble_to_the_text()
        {
            var splitter = new LlmChunkSplitter();
            byte[] buffer = new byte[400];
            PayloadGen.Check(Cases, c =>
            {
                byte[] text = Encoding.UTF8.GetBytes(c.Text);
                byte flags = c.Error ? LlmChunkFlags.Error : LlmChunkFlags.None;
                Assert.Equal(FrameError.None, splitter.Begin(77, flags, text, 0, text.Length, c.Budget));
                Assert.Equal(FrameError.None, LlmChunkSplitter.CountChunks(text, 0, text.Length, c.Budget, out int counted));
                Assert.Equal(counted, splitter.ChunkCount);
                var reassembled = new List<byte>();
                for (int i = 0; i < counted; i++)
                {
                    Assert.True(splitter.HasNext);
                    Assert.Equal(FrameError.None, splitter.EncodeNext(buffer, 3, buffer.Length - 3, out int written));
                    Assert.InRange(written, LlmChunkCodec.HeaderLength, c.Budget);
                    Assert.Equal(FrameError.None, LlmChunkCodec.Decode(buffer, 3, written, out LlmChunk chunk));
                    Assert.Equal(77UL, chunk.CorrelationId);
                    Assert.Equal(i, chunk.ChunkIndex);
                    Assert.Equal(counted, chunk.ChunkCount);
                    Assert.Equal(i == counted - 1, chunk.IsFinal);
                    Assert.Equal(c.Error, chunk.IsError);

                    // Cut only where needed: a chunk before the last is at most 3 bytes short of the budget.
                    Assert.True(chunk.IsFinal || written > c.Budget - 4);
                    reassembled.AddRange(chunk.Buffer.AsSpan(chunk.TextOffset, chunk.TextLength).ToArray());
                }

                Assert.False(splitter.HasNext);
                Assert.Equal(text, reassembled.ToArray());
                return true;
            }, 1000);
        }

        [Fact]
        public void Empty_text_is_one_empty_final_chunk()
        {
            var splitter = new LlmChunkSplitter();
            Assert.Equal(FrameError.None, splitter.Begin(5, 0, Array.Empty<byte>(), 0, 0, 100));
            Assert.Equal(1, splitter.ChunkCount);
            byte[] buffer = new byte[20];
            Assert.Equal(FrameError.None, splitter.EncodeNext(buffer, 0, buffer.Length, out int written));
            Assert.Equal(LlmChunkCodec.HeaderLength, written);
            Assert.Equal(FrameError.None, LlmChunkCodec.Decode(buffer, 0, written, out LlmChunk chunk));
            Assert.True(chunk.IsFinal);
            Assert.Equal(FrameError.InvalidArgument, splitter.EncodeNext(buffer, 0, buffer.Length, out _));
        }

        [Fact]
        public void A_full_destination_does_not_advance_the_splitter()
        {
            byte[] text = Encoding.UTF8.GetBytes("the quick brown fox");
            var splitter = new LlmChunkSplitter();
            Assert.Equal(FrameError.None, splitter.Begin(5, 0, text, 0, text.Length, 24));
            Assert.Equal(2, splitter.ChunkCount);
            byte[] buffer = new byte[64];
            Assert.Equal(FrameError.BufferTooSmall, splitter.EncodeNext(buffer, 0, 23, out int written));
            Assert.Equal(0, written);
            Assert.Equal(0, splitter.NextIndex);
            Assert.Equal(FrameError.None, splitter.EncodeNext(buffer, 0, 24, out written));
            Assert.Equal(24, written);
            Assert.Equal(1, splitter.NextIndex);
        }

        [Fact]
        public void Bad_arguments_ill_formed_text_and_too_many_chunks_are_refused()
        {
            var splitter = new LlmChunkSplitter();
            byte[] text = { 0x41 };
            Assert.Equal(FrameError.InvalidArgument, splitter.Begin(1, 0, text, 0, 1, LlmChunkSplitter.MinPayloadLength - 1));
            Assert.Equal(FrameError.InvalidArgument, splitter.Begin(1, 0, text, 0, 1, 65536));
            Assert.Equal(FrameError.InvalidArgument, splitter.Begin(1, LlmChunkFlags.Final, text, 0, 1, 100));
            Assert.Equal(FrameError.InvalidArgument, splitter.Begin(1, 0x04, text, 0, 1, 100));
            Assert.Equal(FrameError.InvalidArgument, splitter.Begin(1, 0, text, 1, 1, 100));
            Assert.Equal(FrameError.MalformedPayload, splitter.Begin(1, 0, new byte[] { 0xC3 }, 0, 1, 100));
            Assert.False(splitter.HasNext);
            Assert.Equal(FrameError.InvalidArgument, splitter.EncodeNext(new byte[64], 0, 64, out _));

            byte[] large = new byte[65536 * 4];
            Array.Fill(large, (byte)'a');
            Assert.Equal(FrameError.FieldOutOfRange, LlmChunkSplitter.CountChunks(large, 0, large.Length, 18, out int chunks));
            Assert.Equal(0, chunks);
            Assert.Equal(FrameError.None, LlmChunkSplitter.CountChunks(large, 0, 65535 * 4, 18, out chunks));
            Assert.Equal(65535, chunks);
        }
    }
}

using System.Text;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class LlmChunkCodecTests
    {
        private static readonly Gen<LlmChunk> Chunks =
            from id in PayloadGen.UInt64
            from count in Gen.Choose(1, 0xFFFF)
            from index in Gen.Choose(0, count - 1)
            from error in Gen.Elements(LlmChunkFlags.None, LlmChunkFlags.Error)
            from final in Gen.Elements(false, true)
            from text in PayloadGen.AnyString
            let utf8 = Encoding.UTF8.GetBytes(text)
            let last = final && index == count - 1
            select new LlmChunk(id, (ushort)index, (ushort)count, (byte)(error | (last ? LlmChunkFlags.Final : 0)), utf8, 0, utf8.Length);

        [Fact]
        public void Any_valid_chunk_round_trips()
        {
            PayloadGen.Check(Chunks, chunk =>
            {
                int length = LlmChunkCodec.HeaderLength + chunk.TextLength;
                byte[] buffer = Padded(length);
                return LlmChunkCodec.Encode(chunk, buffer, Pad, length, out int written) == FrameError.None
                    && written == length
                    && OutsideUntouched(buffer, written)
                    && LlmChunkCodec.Decode(buffer, Pad, written, out LlmChunk d) == FrameError.None
                    && d.CorrelationId == chunk.CorrelationId
                    && d.ChunkIndex == chunk.ChunkIndex
                    && d.ChunkCount == chunk.ChunkCount
                    && d.Flags == chunk.Flags
                    && d.TextOffset == Pad + LlmChunkCodec.HeaderLength
                    && d.Buffer.AsSpan(d.TextOffset, d.TextLength).SequenceEqual(chunk.Buffer);
            }, 3000);
        }

        [Theory]
        [InlineData(0, 1, 0x04, FrameError.ReservedFlags)]
        [InlineData(0, 1, 0x80, FrameError.ReservedFlags)]
        [InlineData(0, 1, 0xFF, FrameError.ReservedFlags)]
        [InlineData(0, 0, 0x00, FrameError.MalformedPayload)] // count 0
        [InlineData(2, 2, 0x00, FrameError.MalformedPayload)] // index = count
        [InlineData(0xFFFF, 1, 0x00, FrameError.MalformedPayload)]
        [InlineData(0, 2, 0x01, FrameError.MalformedPayload)] // Final before the last index
        [InlineData(0, 2, 0x03, FrameError.MalformedPayload)]
        public void Inconsistent_headers_are_refused_by_decoder_and_encoder_alike(int index, int count, int flags, FrameError expected)
        {
            byte[] payload = FromHex(PayloadVectorTests.LlmChunkHex);
            payload[9] = (byte)(index >> 8);
            payload[10] = (byte)index;
            payload[11] = (byte)(count >> 8);
            payload[12] = (byte)count;
            payload[13] = (byte)flags;
            Assert.Equal(expected, LlmChunkCodec.Decode(payload, 0, payload.Length, out LlmChunk decoded));
            Assert.Null(decoded.Buffer);

            var chunk = new LlmChunk(1, (ushort)index, (ushort)count, (byte)flags, payload, 14, payload.Length - 14);
            byte[] buffer = Padded(payload.Length);
            Assert.Equal(expected, LlmChunkCodec.Encode(chunk, buffer, Pad, payload.Length, out int written));
            Assert.Equal(0, written);
            Assert.True(OutsideUntouched(buffer, 0));
        }

        [Fact]
        public void Streaming_and_error_chunks_are_accepted()
        {
            byte[] payload = FromHex(PayloadVectorTests.LlmChunkHex);
            payload[13] = LlmChunkFlags.Error; // chunk 1 of 2, more may follow
            Assert.Equal(FrameError.None, LlmChunkCodec.Decode(payload, 0, payload.Length, out LlmChunk decoded));
            Assert.True(decoded.IsError);
            Assert.False(decoded.IsFinal);
        }

        [Fact]
        public void Ill_formed_chunk_text_is_refused_both_ways()
        {
            byte[] payload = FromHex(PayloadVectorTests.LlmChunkHex + "e2");
            Assert.Equal(FrameError.MalformedPayload, LlmChunkCodec.Decode(payload, 0, payload.Length, out _));
            var chunk = new LlmChunk(1, 0, 1, LlmChunkFlags.Final, payload, 14, payload.Length - 14);
            Assert.Equal(FrameError.MalformedPayload, LlmChunkCodec.Encode(chunk, new byte[64], 0, 64, out _));
        }

        [Fact]
        public void Encoder_checks_the_text_range_and_the_destination()
        {
            byte[] text = { 0x41, 0x42 };
            byte[] buffer = new byte[70000];
            Assert.Equal(FrameError.InvalidArgument, LlmChunkCodec.Encode(new LlmChunk(1, 0, 1, 0, text, 1, 2), buffer, 0, 64, out _));
            Assert.Equal(FrameError.InvalidArgument, LlmChunkCodec.Encode(new LlmChunk(1, 0, 1, 0, null!, 0, 0), buffer, 0, 64, out _));
            Assert.Equal(FrameError.BufferTooSmall, LlmChunkCodec.Encode(new LlmChunk(1, 0, 1, 0, text, 0, 2), buffer, 0, 15, out _));
            Assert.Equal(FrameError.None, LlmChunkCodec.Encode(new LlmChunk(1, 0, 1, 0, buffer, 0, LlmChunkCodec.MaxTextLength), new byte[70000], 0, 70000, out int written));
            Assert.Equal(65535, written);
            Assert.Equal(FrameError.FieldOutOfRange, LlmChunkCodec.Encode(new LlmChunk(1, 0, 1, 0, buffer, 0, LlmChunkCodec.MaxTextLength + 1), new byte[70000], 0, 70000, out _));
        }
    }
}

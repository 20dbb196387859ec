using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class PublishBatchCodecTests
    {
        [Fact]
        public void Entries_written_back_to_back_read_back_with_their_types_and_bytes()
        {
            var batch = new byte[64];
            int at = Append(batch, 0, PayloadType.Text, new byte[] { 1, 2, 3 });
            at = Append(batch, at, PayloadType.Raw, Array.Empty<byte>());
            at = Append(batch, at, 0x8001, new byte[] { 9 });

            Assert.Equal(FrameError.None, PublishBatchCodec.Validate(batch, 0, at, out int entries));
            Assert.Equal(3, entries);
            Assert.Equal(PayloadType.PublishBatch, 0x0301);
            Assert.Equal(FrameError.None, PayloadValidator.Validate(PayloadType.PublishBatch, batch, 0, at));

            Assert.Equal(FrameError.None, PublishBatchCodec.ReadEntry(batch, 0, at, out ushort type, out int offset, out int length));
            Assert.Equal((PayloadType.Text, 4, 3), (type, offset, length));
            Assert.Equal(new byte[] { 1, 2, 3 }, batch[offset..(offset + length)]);
            Assert.Equal(FrameError.None, PublishBatchCodec.ReadEntry(batch, offset + length, at, out type, out offset, out length));
            Assert.Equal((PayloadType.Raw, 0), (type, length));
            Assert.Equal(FrameError.None, PublishBatchCodec.ReadEntry(batch, offset, at, out type, out offset, out length));
            Assert.Equal(((ushort)0x8001, 1, (byte)9), (type, length, batch[offset]));
            Assert.Equal(at, offset + length);
        }

        [Fact]
        public void The_documented_vector_holds_two_entries()
        {
            byte[] batch = Convert.FromHexString("00040003010203" + "8001000109");
            Assert.Equal(FrameError.None, PublishBatchCodec.Validate(batch, 0, batch.Length, out int entries));
            Assert.Equal(2, entries);
            Assert.Equal(FrameError.None, PublishBatchCodec.ReadEntry(batch, 7, batch.Length, out ushort type, out int offset, out int length));
            Assert.Equal(((ushort)0x8001, 11, 1), (type, offset, length));
        }

        [Fact]
        public void Empty_truncated_and_nested_batches_are_refused()
        {
            var batch = new byte[16];
            int at = Append(batch, 0, PayloadType.Raw, new byte[] { 1, 2, 3, 4 });
            Assert.Equal(FrameError.Truncated, PublishBatchCodec.Validate(batch, 0, 0, out _));
            for (int cut = 1; cut < at; cut++)
            {
                Assert.Equal(FrameError.Truncated, PublishBatchCodec.Validate(batch, 0, cut, out int entries));
                Assert.Equal(0, entries);
            }

            Assert.Equal(FrameError.FieldOutOfRange, PublishBatchCodec.WriteEntryHeader(batch, 0, 16, PayloadType.PublishBatch, 1));
            batch[0] = 0x03;
            batch[1] = 0x01; // an entry claiming to be a batch itself
            Assert.Equal(FrameError.WrongPayloadType, PublishBatchCodec.Validate(batch, 0, at, out _));
            Assert.Equal(FrameError.BufferTooSmall, PublishBatchCodec.WriteEntryHeader(batch, 10, 6, PayloadType.Raw, 3));
            Assert.Equal(FrameError.InvalidArgument, PublishBatchCodec.Validate(batch, 10, 7, out _));
        }

        [Fact]
        public void Random_and_mutated_batches_never_throw_and_valid_ones_walk_to_the_end()
        {
            var random = new Random(20261121);
            var buffer = new byte[48];
            var sample = new byte[48];
            int sampleLength = Append(sample, 0, PayloadType.Text, new byte[] { 5, 6, 7 });
            sampleLength = Append(sample, sampleLength, PayloadType.Raw, new byte[] { 8 });
            for (int i = 0; i < 1_000_000; i++)
            {
                int length;
                if ((i & 1) == 0)
                {
                    length = random.Next(buffer.Length + 1);
                    random.NextBytes(buffer.AsSpan(0, length));
                }
                else
                {
                    length = sampleLength;
                    sample.AsSpan(0, length).CopyTo(buffer);
                    buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                }

                if (PublishBatchCodec.Validate(buffer, 0, length, out int entries) == FrameError.None)
                {
                    Assert.True(entries >= 1);
                    int at = 0;
                    for (int e = 0; e < entries; e++)
                    {
                        Assert.Equal(FrameError.None, PublishBatchCodec.ReadEntry(buffer, at, length, out _, out int offset, out int size));
                        at = offset + size;
                    }

                    Assert.Equal(length, at);
                }
            }
        }

        private static int Append(byte[] batch, int at, ushort type, byte[] payload)
        {
            Assert.Equal(FrameError.None, PublishBatchCodec.WriteEntryHeader(batch, at, batch.Length - at, type, payload.Length));
            payload.CopyTo(batch, at + PublishBatchCodec.EntryHeaderLength);
            return at + PublishBatchCodec.EntryHeaderLength + payload.Length;
        }
    }
}

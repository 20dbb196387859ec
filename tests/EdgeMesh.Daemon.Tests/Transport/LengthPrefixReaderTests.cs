using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Tests.Transport
{
    public sealed class LengthPrefixReaderTests
    {
        [Fact]
        public void FramesSplitAcrossReadsComeOutWhole()
        {
            byte[] stream = { 0, 0, 0, 3, 10, 11, 12, 0, 0, 0, 1, 20, 0, 0, 0, 2, 30, 31 };
            var random = new Random(5);
            for (int trial = 0; trial < 200; trial++)
            {
                var reader = new LengthPrefixReader(16);
                var frames = new System.Collections.Generic.List<byte[]>();
                int position = 0;
                while (position < stream.Length)
                {
                    int chunk = Math.Min(random.Next(1, 6), stream.Length - position);
                    stream.AsSpan(position, chunk).CopyTo(reader.FreeSpace.Span);
                    reader.Advance(chunk);
                    position += chunk;
                    while (reader.Next(out int offset, out int length) == PrefixResult.Frame)
                    {
                        frames.Add(reader.Buffer.AsSpan(offset, length).ToArray());
                    }

                    reader.Compact();
                }

                Assert.Equal(new[] { new byte[] { 10, 11, 12 }, new byte[] { 20 }, new byte[] { 30, 31 } }, frames);
            }
        }

        [Theory]
        [InlineData(0u)]
        [InlineData(17u)]
        [InlineData(0xffffffffu)]
        public void ZeroOrOversizeLengthIsRefusedBeforeWaitingForThatManyBytes(uint length)
        {
            var reader = new LengthPrefixReader(16);
            byte[] prefix = { (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length };
            prefix.CopyTo(reader.FreeSpace.Span);
            reader.Advance(4);
            Assert.Equal(PrefixResult.BadLength, reader.Next(out _, out _));
        }
    }
}

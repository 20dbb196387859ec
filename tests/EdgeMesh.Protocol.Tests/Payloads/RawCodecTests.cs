using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using FsCheck.Fluent;
using static EdgeMesh.Protocol.Tests.Payloads.PayloadTestSupport;

namespace EdgeMesh.Protocol.Tests.Payloads
{
    public sealed class RawCodecTests
    {
        [Fact]
        public void Any_bytes_round_trip_unchanged_without_a_version_byte()
        {
            PayloadGen.Check(PayloadGen.Byte.ArrayOf(), data =>
            {
                byte[] buffer = Padded(data.Length);
                return RawCodec.Encode(data, 0, data.Length, buffer, Pad, data.Length, out int written) == FrameError.None
                    && written == data.Length
                    && OutsideUntouched(buffer, written)
                    && RawCodec.Decode(buffer, Pad, written, out RawView view) == FrameError.None
                    && view.Buffer == buffer
                    && view.DataOffset == Pad
                    && buffer.AsSpan(view.DataOffset, view.DataLength).SequenceEqual(data);
            });
        }

        [Fact]
        public void Encoder_and_decoder_refuse_bad_ranges_short_buffers_and_oversized_data()
        {
            byte[] data = new byte[70000];
            Assert.Equal(FrameError.InvalidArgument, RawCodec.Encode(data, 69999, 2, data, 0, 10, out _));
            Assert.Equal(FrameError.BufferTooSmall, RawCodec.Encode(data, 0, 11, new byte[20], 0, 10, out _));
            Assert.Equal(FrameError.FieldOutOfRange, RawCodec.Encode(data, 0, 65536, new byte[70000], 0, 70000, out _));
            Assert.Equal(FrameError.InvalidArgument, RawCodec.Decode(null!, 0, 0, out RawView view));
            Assert.Null(view.Buffer);
            Assert.Equal(FrameError.None, RawCodec.Decode(data, 5, 0, out view));
            Assert.Equal(0, view.DataLength);
        }
    }
}

using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// <see cref="PayloadType.Raw"/> payloads: opaque application bytes with no version byte and no
    /// structure (docs/payloads.md §8 explains why). Encoding copies, decoding only points at the
    /// bytes; any byte string, including the empty one, is a valid raw payload.
    /// </summary>
    public static class RawCodec
    {
        /// <summary>
        /// Copies <paramref name="dataLength"/> bytes into the destination. InvalidArgument for a
        /// bad range, FieldOutOfRange over 65535 bytes, BufferTooSmall when they do not fit.
        /// </summary>
        public static FrameError Encode(byte[] data, int dataOffset, int dataLength, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            if (!ByteRange.IsValid(data, dataOffset, dataLength))
            {
                return FrameError.InvalidArgument;
            }

            FrameError error = PayloadChecks.Destination(destination, offset, count, dataLength);
            if (error != FrameError.None)
            {
                return error;
            }

            System.Array.Copy(data, dataOffset, destination, offset, dataLength);
            written = dataLength;
            return FrameError.None;
        }

        /// <summary>Describes the range as a raw payload; fails only with InvalidArgument for a bad range.</summary>
        public static FrameError Decode(byte[] source, int offset, int count, out RawView value)
        {
            value = default(RawView);
            if (!ByteRange.IsValid(source, offset, count))
            {
                return FrameError.InvalidArgument;
            }

            value = new RawView(source, offset, count);
            return FrameError.None;
        }
    }
}

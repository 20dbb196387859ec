using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Consistent Overhead Byte Stuffing (docs/link-framing.md §2): rewrites data so that it contains
    /// no 0x00 byte, which byte-stream links then use as the record delimiter. Overhead is one byte
    /// plus one per further 254 bytes. Encode and decode work in caller buffers, never allocate and
    /// never throw on bad input. The delimiter itself is not part of an encoding.
    /// </summary>
    public static class CobsCodec
    {
        /// <summary>Largest number of data bytes one code byte covers.</summary>
        public const int MaxBlockLength = 254;

        /// <summary>
        /// Largest encoding of <paramref name="sourceLength"/> bytes (0 gives 1): the size
        /// <see cref="Encode"/> requires of its destination.
        /// </summary>
        public static int MaxEncodedLength(int sourceLength)
        {
            if (sourceLength < 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(sourceLength));
            }

            return (int)EncodedLengthBound(sourceLength);
        }

        /// <summary>
        /// Encodes <paramref name="sourceCount"/> bytes. The destination range must hold
        /// <see cref="MaxEncodedLength"/>(<paramref name="sourceCount"/>) bytes, even if the actual
        /// encoding turns out shorter, and must not overlap the source.
        /// </summary>
        /// <returns><see cref="FrameError.None"/>, <see cref="FrameError.BufferTooSmall"/> or <see cref="FrameError.InvalidArgument"/>.</returns>
        public static FrameError Encode(
            byte[] source,
            int sourceOffset,
            int sourceCount,
            byte[] destination,
            int destinationOffset,
            int destinationCount,
            out int written)
        {
            written = 0;
            if (!LinkRange.AreValid(source, sourceOffset, sourceCount, destination, destinationOffset, destinationCount))
            {
                return FrameError.InvalidArgument;
            }

            if (EncodedLengthBound(sourceCount) > destinationCount)
            {
                return FrameError.BufferTooSmall;
            }

            CobsEncoder encoder = default(CobsEncoder);
            encoder.Begin(destination, destinationOffset);
            encoder.Put(source, sourceOffset, sourceCount);
            written = encoder.End() - destinationOffset;
            return FrameError.None;
        }

        /// <summary>
        /// Decodes one encoding (without its delimiter). Decoding in place is allowed when
        /// <paramref name="destination"/> is <paramref name="source"/> and
        /// <paramref name="destinationOffset"/> &lt;= <paramref name="sourceOffset"/>: the output
        /// is always shorter than the input and is written behind the read position.
        /// </summary>
        /// <returns>
        /// <see cref="FrameError.None"/>; <see cref="FrameError.Truncated"/> for an empty input;
        /// <see cref="FrameError.BadLinkEncoding"/> for a 0x00 byte in the input or a code byte that
        /// runs past its end; <see cref="FrameError.BufferTooSmall"/>; <see cref="FrameError.InvalidArgument"/>.
        /// On failure the destination may hold partial output.
        /// </returns>
        public static FrameError Decode(
            byte[] source,
            int sourceOffset,
            int sourceCount,
            byte[] destination,
            int destinationOffset,
            int destinationCount,
            out int written)
        {
            written = 0;
            if (!LinkRange.AreValid(source, sourceOffset, sourceCount, destination, destinationOffset, destinationCount))
            {
                return FrameError.InvalidArgument;
            }

            if (sourceCount == 0)
            {
                return FrameError.Truncated;
            }

            int read = sourceOffset;
            int end = sourceOffset + sourceCount;
            int write = destinationOffset;
            int writeEnd = destinationOffset + destinationCount;
            while (read < end)
            {
                int code = source[read++];
                if (code == 0 || code - 1 > end - read)
                {
                    return FrameError.BadLinkEncoding;
                }

                int blockEnd = read + code - 1;
                bool addsZero = code != 0xFF && blockEnd < end;
                if (code - 1 + (addsZero ? 1 : 0) > writeEnd - write)
                {
                    return FrameError.BufferTooSmall;
                }

                while (read < blockEnd)
                {
                    byte value = source[read++];
                    if (value == 0)
                    {
                        return FrameError.BadLinkEncoding;
                    }

                    destination[write++] = value;
                }

                if (addsZero)
                {
                    destination[write++] = 0;
                }
            }

            written = write - destinationOffset;
            return FrameError.None;
        }

        /// <summary>Overflow-free form for callers checking room for very large inputs.</summary>
        internal static long EncodedLengthBound(long sourceLength)
        {
            return sourceLength == 0 ? 1 : sourceLength + 1 + ((sourceLength - 1) / MaxBlockLength);
        }
    }
}

using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Encodes and decodes <see cref="PayloadType.Text"/> payloads, layout version 1
    /// (docs/payloads.md §6): the version byte, then UTF-8 text filling the rest of the payload.
    /// Never throws on bad input and never allocates; decoding checks that the text is well-formed.
    /// </summary>
    public static class TextCodec
    {
        /// <summary>Bytes before the text: the version byte (§6).</summary>
        public const int HeaderLength = 1;

        /// <summary>Longest text one payload holds: the 16-bit payload length less the version byte.</summary>
        public const int MaxTextLength = WireFormat.MaxPayloadLength - HeaderLength;

        /// <summary>
        /// Writes <paramref name="text"/> as UTF-8 straight into the destination (no intermediate
        /// array; lone surrogates become U+FFFD). InvalidArgument for a null text or bad range,
        /// FieldOutOfRange over <see cref="MaxTextLength"/> bytes, BufferTooSmall when it does not fit.
        /// </summary>
        public static FrameError Encode(string text, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            if (text == null)
            {
                return FrameError.InvalidArgument;
            }

            // Every char gives at least one byte: a longer text is refused without counting it.
            int length = HeaderLength + (text.Length > MaxTextLength ? MaxTextLength + 1 : Utf8.GetByteCount(text));
            FrameError error = PayloadChecks.Destination(destination, offset, count, length);
            if (error != FrameError.None)
            {
                return error;
            }

            destination[offset] = PayloadLayout.Version;
            Utf8.WriteUnchecked(text, destination, offset + HeaderLength);
            written = length;
            return FrameError.None;
        }

        /// <summary>
        /// Writes text that is already UTF-8 (for example a relayed <see cref="TextView"/>).
        /// Ill-formed UTF-8 is refused with MalformedPayload, so an encoded payload always decodes.
        /// </summary>
        public static FrameError EncodeUtf8(byte[] utf8, int utf8Offset, int utf8Length, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            if (!ByteRange.IsValid(utf8, utf8Offset, utf8Length))
            {
                return FrameError.InvalidArgument;
            }

            FrameError error = PayloadChecks.Destination(destination, offset, count, HeaderLength + utf8Length);
            if (error != FrameError.None)
            {
                return error;
            }

            if (!Utf8.IsWellFormed(utf8, utf8Offset, utf8Length))
            {
                return FrameError.MalformedPayload;
            }

            destination[offset] = PayloadLayout.Version;
            System.Array.Copy(utf8, utf8Offset, destination, offset + HeaderLength, utf8Length);
            written = HeaderLength + utf8Length;
            return FrameError.None;
        }

        /// <summary>
        /// Reads a text payload; the text is every byte after the version byte. Errors, in the
        /// order checked: InvalidArgument, Truncated (empty), UnsupportedPayloadVersion,
        /// MalformedPayload (ill-formed UTF-8).
        /// </summary>
        public static FrameError Decode(byte[] source, int offset, int count, out TextView value)
        {
            value = default(TextView);
            FrameError error = PayloadChecks.Header(source, offset, count, HeaderLength);
            if (error != FrameError.None)
            {
                return error;
            }

            if (!Utf8.IsWellFormed(source, offset + HeaderLength, count - HeaderLength))
            {
                return FrameError.MalformedPayload;
            }

            value = new TextView(source, offset + HeaderLength, count - HeaderLength);
            return FrameError.None;
        }
    }
}

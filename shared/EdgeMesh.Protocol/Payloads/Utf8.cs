using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Payloads
{
    /// <summary>
    /// Hand-written UTF-8 (RFC 3629) for the portable core: encoding a string into a caller's
    /// buffer and checking well-formedness without allocating, so the same code runs on
    /// nanoFramework (docs/payloads.md §6.1). A lone surrogate in a string is encoded as U+FFFD,
    /// as <see cref="TopicId.FromName"/> also assumes.
    /// </summary>
    public static class Utf8
    {
        /// <summary>The scalar written for a lone surrogate and shown for ill-formed input.</summary>
        public const int ReplacementCharacter = 0xFFFD;

        /// <summary>Number of UTF-8 bytes <paramref name="text"/> encodes to (0 for null; at most int.MaxValue).</summary>
        public static int GetByteCount(string text)
        {
            if (text == null)
            {
                return 0;
            }

            // Counted in 64 bits: three bytes per char overflows an int for the longest strings.
            long bytes = 0;
            int i = 0;
            while (i < text.Length)
            {
                bytes += ScalarByteCount(NextScalar(text, ref i));
            }

            return bytes > int.MaxValue ? int.MaxValue : (int)bytes;
        }

        /// <summary>
        /// Writes the UTF-8 encoding of <paramref name="text"/> at <paramref name="offset"/>.
        /// Returns InvalidArgument for a null text or bad range and BufferTooSmall (writing nothing)
        /// when the encoding is longer than <paramref name="count"/>.
        /// </summary>
        public static FrameError Encode(string text, byte[] destination, int offset, int count, out int written)
        {
            written = 0;
            if (text == null || !ByteRange.IsValid(destination, offset, count))
            {
                return FrameError.InvalidArgument;
            }

            // Every char gives at least one byte, so a longer text cannot fit: no need to count it.
            int length = text.Length > count ? int.MaxValue : GetByteCount(text);
            if (length > count)
            {
                return FrameError.BufferTooSmall;
            }

            WriteUnchecked(text, destination, offset);
            written = length;
            return FrameError.None;
        }

        /// <summary>
        /// True when the range is well-formed UTF-8: no stray continuation bytes, no overlong forms,
        /// no surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no sequence cut at the end.
        /// False for a bad range.
        /// </summary>
        public static bool IsWellFormed(byte[] buffer, int offset, int count)
        {
            if (!ByteRange.IsValid(buffer, offset, count))
            {
                return false;
            }

            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int length = DecodeScalar(buffer, i, end, out int _);
                if (length < 0)
                {
                    return false;
                }

                i += length;
            }

            return true;
        }

        /// <summary>
        /// Makes a string of the range, for display and logs only: it allocates. Ill-formed parts
        /// become U+FFFD (one per maximal ill-formed subpart), so it never throws on network data;
        /// a bad range gives the empty string.
        /// </summary>
        public static string GetString(byte[] buffer, int offset, int count)
        {
            if (!ByteRange.IsValid(buffer, offset, count) || count == 0)
            {
                return string.Empty;
            }

            int end = offset + count;
            int units = 0;
            int i = offset;
            while (i < end)
            {
                i += Step(buffer, i, end, out int scalar);
                units += scalar >= 0x10000 ? 2 : 1;
            }

            char[] chars = new char[units];
            int c = 0;
            i = offset;
            while (i < end)
            {
                i += Step(buffer, i, end, out int scalar);
                if (scalar >= 0x10000)
                {
                    chars[c++] = (char)(0xD800 + ((scalar - 0x10000) >> 10));
                    chars[c++] = (char)(0xDC00 + (scalar & 0x3FF));
                }
                else
                {
                    chars[c++] = (char)scalar;
                }
            }

            return new string(chars);
        }

        /// <summary>
        /// Length of the longest prefix of the range, at most <paramref name="maxBytes"/> long, that
        /// does not end inside a multi-byte sequence (the range is assumed well-formed). Used to cut
        /// text into chunks; 0 only when <paramref name="maxBytes"/> is below 4 and the next
        /// sequence is longer.
        /// </summary>
        public static int PrefixLength(byte[] buffer, int offset, int count, int maxBytes)
        {
            if (count <= maxBytes)
            {
                return count;
            }

            // Step back over continuation bytes (10xxxxxx): the cut must fall before a lead byte.
            int cut = maxBytes;
            while (cut > 0 && (buffer[offset + cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            return cut;
        }

        /// <summary>Writes text's UTF-8 at offset; the caller has checked that GetByteCount(text) bytes fit.</summary>
        internal static void WriteUnchecked(string text, byte[] destination, int offset)
        {
            int o = offset;
            int i = 0;
            while (i < text.Length)
            {
                int scalar = NextScalar(text, ref i);
                int length = ScalarByteCount(scalar);
                if (length == 1)
                {
                    destination[o++] = (byte)scalar;
                    continue;
                }

                // Lead byte: length-many high bits set, then the top bits of the scalar.
                int shift = 6 * (length - 1);
                destination[o++] = (byte)((0xF00 >> length) | (scalar >> shift));
                while (shift > 0)
                {
                    shift -= 6;
                    destination[o++] = (byte)(0x80 | ((scalar >> shift) & 0x3F));
                }
            }
        }

        /// <summary>
        /// Decodes the sequence at <paramref name="index"/> (Unicode Table 3-7). Returns its length,
        /// or minus the length of the maximal ill-formed subpart (at least 1) when it is ill-formed.
        /// </summary>
        internal static int DecodeScalar(byte[] buffer, int index, int end, out int scalar)
        {
            int lead = buffer[index];
            scalar = lead;
            if (lead < 0x80)
            {
                return 1;
            }

            int trailing;
            int low = 0x80;
            int high = 0xBF;
            if (lead < 0xC2)
            {
                return -1; // continuation byte or overlong 2-byte lead
            }
            else if (lead < 0xE0)
            {
                trailing = 1;
                scalar = lead & 0x1F;
            }
            else if (lead < 0xF0)
            {
                trailing = 2;
                scalar = lead & 0x0F;
                low = lead == 0xE0 ? 0xA0 : 0x80; // no overlong 3-byte forms
                high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
            }
            else if (lead < 0xF5)
            {
                trailing = 3;
                scalar = lead & 0x07;
                low = lead == 0xF0 ? 0x90 : 0x80; // no overlong 4-byte forms
                high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
            }
            else
            {
                return -1;
            }

            for (int k = 1; k <= trailing; k++)
            {
                int next = index + k < end ? buffer[index + k] : -1;
                if (next < low || next > high)
                {
                    return -k;
                }

                scalar = (scalar << 6) | (next & 0x3F);
                low = 0x80;
                high = 0xBF;
            }

            return trailing + 1;
        }

        private static int Step(byte[] buffer, int index, int end, out int scalar)
        {
            int length = DecodeScalar(buffer, index, end, out scalar);
            if (length > 0)
            {
                return length;
            }

            scalar = ReplacementCharacter;
            return -length;
        }

        private static int NextScalar(string text, ref int index)
        {
            int c = text[index++];
            if (c < 0xD800 || c > 0xDFFF)
            {
                return c;
            }

            if (c <= 0xDBFF && index < text.Length && text[index] >= 0xDC00 && text[index] <= 0xDFFF)
            {
                return 0x10000 + ((c - 0xD800) << 10) + (text[index++] - 0xDC00);
            }

            return ReplacementCharacter;
        }

        private static int ScalarByteCount(int scalar)
        {
            if (scalar < 0x80)
            {
                return 1;
            }

            if (scalar < 0x800)
            {
                return 2;
            }

            return scalar < 0x10000 ? 3 : 4;
        }
    }
}

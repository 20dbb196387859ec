namespace EdgeMesh.Protocol.Wire
{
    /// <summary>Hex text forms used in logs and the CLI (portable: no format strings).</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>Formats a value as exactly 16 lower-case hex digits.</summary>
        public static string FormatUInt64(ulong value)
        {
            char[] chars = new char[16];
            for (int i = 15; i >= 0; i--)
            {
                chars[i] = Digits[(int)(value & 0xF)];
                value >>= 4;
            }

            return new string(chars);
        }

        /// <summary>Formats <paramref name="count"/> bytes as lower-case hex.</summary>
        public static string Format(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                chars[2 * i] = Digits[b >> 4];
                chars[(2 * i) + 1] = Digits[b & 0xF];
            }

            return new string(chars);
        }

        /// <summary>
        /// Parses hex text (upper or lower case, no separators) into a new array.
        /// Returns null when the text has odd length or a non-hex character.
        /// </summary>
        public static byte[]? Parse(string text)
        {
            if (text == null || (text.Length & 1) != 0)
            {
                return null;
            }

            byte[] result = new byte[text.Length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int hi = DigitValue(text[2 * i]);
                int lo = DigitValue(text[(2 * i) + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }

                result[i] = (byte)((hi << 4) | lo);
            }

            return result;
        }

        private static int DigitValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}

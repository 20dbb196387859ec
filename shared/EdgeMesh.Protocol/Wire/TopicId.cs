namespace EdgeMesh.Protocol.Wire
{
    /// <summary>
    /// Topic names travel as a 64-bit FNV-1a hash of their UTF-8 bytes (docs/wire-format.md §2.8),
    /// so a frame carries 8 bytes whatever the name's length.
    /// </summary>
    public static class TopicId
    {
        private const ulong FnvOffsetBasis = 14695981039346656037UL;
        private const ulong FnvPrime = 1099511628211UL;

        /// <summary>Hashes a topic name's UTF-8 encoding without allocating.</summary>
        public static ulong FromName(string name)
        {
            ulong hash = FnvOffsetBasis;
            int i = 0;
            while (i < name.Length)
            {
                int c = name[i++];
                if (c >= 0xD800 && c <= 0xDBFF && i < name.Length && name[i] >= 0xDC00 && name[i] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (name[i++] - 0xDC00);
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    c = 0xFFFD; // lone surrogate: hashed as U+FFFD, as the UTF-8 encoder would write it
                }

                if (c < 0x80)
                {
                    hash = Mix(hash, c);
                }
                else if (c < 0x800)
                {
                    hash = Mix(hash, 0xC0 | (c >> 6));
                    hash = Mix(hash, 0x80 | (c & 0x3F));
                }
                else if (c < 0x10000)
                {
                    hash = Mix(hash, 0xE0 | (c >> 12));
                    hash = Mix(hash, 0x80 | ((c >> 6) & 0x3F));
                    hash = Mix(hash, 0x80 | (c & 0x3F));
                }
                else
                {
                    hash = Mix(hash, 0xF0 | (c >> 18));
                    hash = Mix(hash, 0x80 | ((c >> 12) & 0x3F));
                    hash = Mix(hash, 0x80 | ((c >> 6) & 0x3F));
                    hash = Mix(hash, 0x80 | (c & 0x3F));
                }
            }

            return hash;
        }

        /// <summary>Hashes raw bytes (a topic name already in UTF-8).</summary>
        public static ulong FromUtf8(byte[] buffer, int offset, int count)
        {
            ulong hash = FnvOffsetBasis;
            for (int i = 0; i < count; i++)
            {
                hash = Mix(hash, buffer[offset + i]);
            }

            return hash;
        }

        private static ulong Mix(ulong hash, int b)
        {
            return (hash ^ (uint)(b & 0xFF)) * FnvPrime;
        }
    }
}

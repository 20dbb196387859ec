namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Packet layout on small-MTU packet links (LoRa, nRF24L01), docs/link-framing.md §4. A frame that
    /// fits the MTU travels whole; a longer one is split into fragments:
    /// <c>F1 | datagram id (u16 BE) | index | count | data</c>. Byte 0 values 0xF0..0xFF are reserved
    /// for link markers, so a frame version can never be mistaken for a fragment.
    /// </summary>
    public static class FragmentFormat
    {
        /// <summary>Byte 0 of every fragment.</summary>
        public const byte FragmentMarker = 0xF1;

        /// <summary>Byte 0 values from this one up are link markers, never frame versions.</summary>
        public const byte ReservedMarkerStart = 0xF0;

        /// <summary>Marker, datagram id (2), index, count.</summary>
        public const int HeaderLength = 5;

        /// <summary>Offset of the big-endian datagram id.</summary>
        public const int OffsetDatagramId = 1;

        /// <summary>Offset of the fragment index (0-based).</summary>
        public const int OffsetIndex = 3;

        /// <summary>Offset of the fragment count.</summary>
        public const int OffsetCount = 4;

        /// <summary>Fewest fragments in a fragmented datagram.</summary>
        public const int MinFragments = 2;

        /// <summary>Most fragments in a datagram (one byte).</summary>
        public const int MaxFragments = 255;

        /// <summary>Smallest usable MTU: a header plus one data byte.</summary>
        public const int MinMtu = HeaderLength + 1;

        /// <summary>Largest MTU accepted (the largest packet a 16-bit length can describe).</summary>
        public const int MaxMtu = 65535;

        /// <summary>True when byte 0 of a packet is a link marker rather than a frame version.</summary>
        public static bool IsReservedMarker(byte firstByte)
        {
            return firstByte >= ReservedMarkerStart;
        }

        /// <summary>Data bytes in every fragment but the last, at <paramref name="mtu"/>.</summary>
        public static int FragmentDataLength(int mtu)
        {
            return mtu - HeaderLength;
        }

        /// <summary>Largest frame a link with <paramref name="mtu"/> can carry (255 full fragments, or the MTU if larger).</summary>
        public static int MaxFrameLength(int mtu)
        {
            int fragmented = MaxFragments * FragmentDataLength(mtu);
            return fragmented > mtu ? fragmented : mtu;
        }

        /// <summary>
        /// Packets needed for a frame of <paramref name="frameLength"/> bytes: 1 when it fits the MTU,
        /// otherwise the fragment count; 0 when it is empty or longer than <see cref="MaxFrameLength"/>.
        /// </summary>
        public static int PacketCount(int mtu, int frameLength)
        {
            if (frameLength < 1 || mtu < MinMtu || frameLength > MaxFrameLength(mtu))
            {
                return 0;
            }

            if (frameLength <= mtu)
            {
                return 1;
            }

            int data = FragmentDataLength(mtu);
            return (frameLength + data - 1) / data;
        }

        internal static void CheckMtu(int mtu)
        {
            if (mtu < MinMtu || mtu > MaxMtu)
            {
                throw new System.ArgumentOutOfRangeException(nameof(mtu));
            }
        }
    }
}

using EdgeMesh.Protocol.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Splits frames into packets of at most <see cref="Mtu"/> bytes for small-MTU packet links
    /// (docs/link-framing.md §4); <see cref="Reassembler"/> rebuilds them. Call <see cref="Begin"/>
    /// with a frame, then <see cref="NextPacket"/> while <see cref="HasNextPacket"/>, sending each
    /// packet as it is written. The frame is read from the caller's buffer packet by packet, so it must
    /// stay unchanged until the last packet is written. Datagram ids start at the constructor's value
    /// (pick it at random at boot, so a restarted sender does not collide with its own stale
    /// fragments) and increase by one per fragmented frame. Single-threaded by contract; allocates
    /// nothing after construction.
    /// </summary>
    public sealed class Fragmenter
    {
        private readonly int _dataLength;
        private byte[]? _frame;
        private int _frameOffset;
        private int _frameCount;
        private int _next;

        /// <summary>Creates a fragmenter whose first datagram id is 0.</summary>
        public Fragmenter(int mtu)
            : this(mtu, 0)
        {
        }

        /// <summary>Creates a fragmenter for packets of at most <paramref name="mtu"/> bytes (6..65535).</summary>
        public Fragmenter(int mtu, ushort firstDatagramId)
        {
            FragmentFormat.CheckMtu(mtu);
            Mtu = mtu;
            _dataLength = FragmentFormat.FragmentDataLength(mtu);
            NextDatagramId = firstDatagramId;
        }

        /// <summary>Largest packet written; both ends of the link must agree on it.</summary>
        public int Mtu { get; }

        /// <summary>Largest frame accepted by <see cref="Begin"/>: <see cref="FragmentFormat.MaxFrameLength"/>(<see cref="Mtu"/>).</summary>
        public int MaxFrameLength
        {
            get { return FragmentFormat.MaxFrameLength(Mtu); }
        }

        /// <summary>The id the next fragmented frame will carry.</summary>
        public ushort NextDatagramId { get; private set; }

        /// <summary>The id of the current frame's fragments (meaningless when it travels whole).</summary>
        public ushort DatagramId { get; private set; }

        /// <summary>Packets of the current frame: 1 when it travels whole.</summary>
        public int PacketCount { get; private set; }

        /// <summary>True while packets of the current frame remain to be written.</summary>
        public bool HasNextPacket
        {
            get { return _next < PacketCount; }
        }

        /// <summary>Frames whose remaining packets were dropped by a new <see cref="Begin"/>.</summary>
        public long Abandoned { get; private set; }

        /// <summary>
        /// Starts sending a frame, dropping (and counting in <see cref="Abandoned"/>) packets still
        /// pending from the previous one.
        /// </summary>
        /// <returns>
        /// <see cref="FrameError.None"/>; <see cref="FrameError.InvalidArgument"/> for an empty or
        /// out-of-range frame; <see cref="FrameError.UnsupportedVersion"/> when byte 0 is a reserved
        /// link marker (0xF0..0xFF); <see cref="FrameError.PayloadTooLarge"/> above <see cref="MaxFrameLength"/>.
        /// </returns>
        public FrameError Begin(byte[] frame, int offset, int count)
        {
            if (HasNextPacket)
            {
                Abandoned++;
            }

            _frame = null;
            _next = 0;
            PacketCount = 0;
            if (count < 1 || !ByteRange.IsValid(frame, offset, count))
            {
                return FrameError.InvalidArgument;
            }

            if (FragmentFormat.IsReservedMarker(frame[offset]))
            {
                return FrameError.UnsupportedVersion;
            }

            if (count > MaxFrameLength)
            {
                return FrameError.PayloadTooLarge;
            }

            _frame = frame;
            _frameOffset = offset;
            _frameCount = count;
            PacketCount = FragmentFormat.PacketCount(Mtu, count);
            if (PacketCount > 1)
            {
                DatagramId = NextDatagramId;
                NextDatagramId = (ushort)(NextDatagramId + 1);
            }

            return FrameError.None;
        }

        /// <summary>Writes the next packet (at most <see cref="Mtu"/> bytes) and advances.</summary>
        /// <returns>
        /// <see cref="FrameError.None"/> and the packet length; <see cref="FrameError.BufferTooSmall"/>
        /// (nothing written, not advanced); <see cref="FrameError.InvalidArgument"/> when no packet is
        /// pending or the destination range is invalid.
        /// </returns>
        public FrameError NextPacket(byte[] destination, int destinationOffset, int destinationCount, out int written)
        {
            written = 0;
            byte[]? frame = _frame;
            if (frame == null || !HasNextPacket || !ByteRange.IsValid(destination, destinationOffset, destinationCount))
            {
                return FrameError.InvalidArgument;
            }

            if (PacketCount == 1)
            {
                if (_frameCount > destinationCount)
                {
                    return FrameError.BufferTooSmall;
                }

                System.Array.Copy(frame, _frameOffset, destination, destinationOffset, _frameCount);
                written = _frameCount;
            }
            else
            {
                int start = _next * _dataLength;
                int data = _next == PacketCount - 1 ? _frameCount - start : _dataLength;
                if (FragmentFormat.HeaderLength + data > destinationCount)
                {
                    return FrameError.BufferTooSmall;
                }

                destination[destinationOffset] = FragmentFormat.FragmentMarker;
                BigEndian.WriteUInt16(destination, destinationOffset + FragmentFormat.OffsetDatagramId, DatagramId);
                destination[destinationOffset + FragmentFormat.OffsetIndex] = (byte)_next;
                destination[destinationOffset + FragmentFormat.OffsetCount] = (byte)PacketCount;
                System.Array.Copy(frame, _frameOffset + start, destination, destinationOffset + FragmentFormat.HeaderLength, data);
                written = FragmentFormat.HeaderLength + data;
            }

            _next++;
            if (_next == PacketCount)
            {
                _frame = null; // the caller's buffer is free again
            }

            return FrameError.None;
        }
    }
}

using EdgeMesh.Protocol.Internal;

namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Rebuilds frames from the packets a <see cref="Fragmenter"/> wrote (docs/link-framing.md §4).
    /// Whole-frame packets pass straight through; fragments are collected per (link source, datagram id)
    /// in a fixed number of slots until the last one arrives.
    /// </summary>
    /// <remarks>
    /// Memory is allocated once by the constructor and bounded by its arguments, never by packet
    /// fields: <c>slotCount × maxFrameLength</c> bytes of frame buffer plus about 65 bytes of state per
    /// slot. When every slot is busy a new datagram evicts the one that started first
    /// (<see cref="Evicted"/>); a datagram not finished within <c>timeoutMs</c> of its first fragment
    /// is dropped on the next <see cref="Push"/> or <see cref="Tick"/> (<see cref="TimedOut"/>). A
    /// completed datagram's slot remembers its id until the timeout, so late duplicates are rejected
    /// instead of starting a reassembly that can never finish. Every rejected packet is counted by
    /// reason (<see cref="Rejections"/>). Time is the caller's monotonic millisecond clock.
    /// Single-threaded by contract.
    /// </remarks>
    public sealed class Reassembler
    {
        private const int BitmapWords = 8; // 256 bits cover fragment indexes 0..254
        private const byte Free = 0;
        private const byte Receiving = 1;
        private const byte Done = 2;

        private readonly int _dataLength;
        private readonly byte[] _buffer;
        private readonly uint[] _bitmaps;
        private readonly byte[] _states;
        private readonly ulong[] _sources;
        private readonly int[] _ids;
        private readonly int[] _counts;
        private readonly int[] _received;
        private readonly int[] _lengths;
        private readonly long[] _started;
        private readonly long[] _rejections = new long[(int)ReassemblyRejection.Duplicate + 1];

        /// <summary>Creates a reassembler; all memory it will ever use is allocated here.</summary>
        /// <param name="mtu">The link's packet size, as configured on the sender (6..65535).</param>
        /// <param name="slotCount">Datagrams reassembled at once (1..1024).</param>
        /// <param name="maxFrameLength">Largest frame accepted, whole or reassembled (the size of each slot's buffer).</param>
        /// <param name="timeoutMs">How long a datagram may take from its first fragment (at least 1).</param>
        public Reassembler(int mtu, int slotCount, int maxFrameLength, int timeoutMs)
        {
            FragmentFormat.CheckMtu(mtu);
            if (slotCount < 1 || slotCount > 1024)
            {
                throw new System.ArgumentOutOfRangeException(nameof(slotCount));
            }

            if (maxFrameLength < 1 || (long)slotCount * maxFrameLength > int.MaxValue)
            {
                throw new System.ArgumentOutOfRangeException(nameof(maxFrameLength));
            }

            if (timeoutMs < 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(timeoutMs));
            }

            Mtu = mtu;
            SlotCount = slotCount;
            MaxFrameLength = maxFrameLength;
            TimeoutMs = timeoutMs;
            _dataLength = FragmentFormat.FragmentDataLength(mtu);
            _buffer = new byte[slotCount * maxFrameLength];
            _bitmaps = new uint[slotCount * BitmapWords];
            _states = new byte[slotCount];
            _sources = new ulong[slotCount];
            _ids = new int[slotCount];
            _counts = new int[slotCount];
            _received = new int[slotCount];
            _lengths = new int[slotCount];
            _started = new long[slotCount];
        }

        /// <summary>The link's packet size.</summary>
        public int Mtu { get; }

        /// <summary>Number of reassembly slots.</summary>
        public int SlotCount { get; }

        /// <summary>Largest frame accepted.</summary>
        public int MaxFrameLength { get; }

        /// <summary>Longest a datagram may take, from its first fragment.</summary>
        public int TimeoutMs { get; }

        /// <summary>Slots currently collecting fragments.</summary>
        public int ActiveSlots
        {
            get
            {
                int active = 0;
                for (int i = 0; i < SlotCount; i++)
                {
                    active += _states[i] == Receiving ? 1 : 0;
                }

                return active;
            }
        }

        /// <summary>Why the last <see cref="Push"/> rejected its packet (<see cref="ReassemblyRejection.None"/> otherwise).</summary>
        public ReassemblyRejection LastRejection { get; private set; }

        /// <summary>Whole-frame packets passed through.</summary>
        public long PassedThrough { get; private set; }

        /// <summary>Fragments stored.</summary>
        public long FragmentsAccepted { get; private set; }

        /// <summary>Datagrams whose first fragment claimed a slot.</summary>
        public long DatagramsStarted { get; private set; }

        /// <summary>Datagrams completed from fragments.</summary>
        public long Reassembled { get; private set; }

        /// <summary>Unfinished datagrams dropped to make room for a new one.</summary>
        public long Evicted { get; private set; }

        /// <summary>Unfinished datagrams dropped because they outlived <see cref="TimeoutMs"/>.</summary>
        public long TimedOut { get; private set; }

        /// <summary>Packets rejected, all reasons together.</summary>
        public long Rejected { get; private set; }

        /// <summary>Packets rejected for <paramref name="reason"/>.</summary>
        public long Rejections(ReassemblyRejection reason)
        {
            int index = (int)reason;
            return index < _rejections.Length ? _rejections[index] : 0;
        }

        /// <summary>
        /// Takes one packet from link source <paramref name="source"/> (the radio's sender address, or
        /// 0 on links that have none). On <see cref="ReassemblyResult.Complete"/> the frame is
        /// <paramref name="frame"/>[<paramref name="frameOffset"/> .. +<paramref name="frameLength"/>]:
        /// the packet itself when it travelled whole, otherwise a slot buffer that stays valid until the
        /// next call to <see cref="Push"/> or <see cref="Tick"/>. Otherwise <paramref name="frameLength"/> is 0.
        /// Bad packets are counted, never thrown.
        /// </summary>
        /// <exception cref="System.ArgumentException">The range does not fit the buffer (a local programming error).</exception>
        public ReassemblyResult Push(
            ulong source,
            byte[] packet,
            int offset,
            int count,
            long nowMs,
            out byte[] frame,
            out int frameOffset,
            out int frameLength)
        {
            LinkRange.Check(packet, offset, count);
            frame = packet;
            frameOffset = offset;
            frameLength = 0;
            LastRejection = ReassemblyRejection.None;
            Tick(nowMs);
            if (count == 0)
            {
                return Reject(ReassemblyRejection.BadHeader);
            }

            if (count > Mtu)
            {
                return Reject(ReassemblyRejection.PacketTooLarge);
            }

            byte first = packet[offset];
            if (first != FragmentFormat.FragmentMarker)
            {
                if (FragmentFormat.IsReservedMarker(first))
                {
                    return Reject(ReassemblyRejection.ReservedMarker);
                }

                if (count > MaxFrameLength)
                {
                    return Reject(ReassemblyRejection.FrameTooLarge);
                }

                PassedThrough++;
                frameLength = count;
                return ReassemblyResult.Complete;
            }

            ReassemblyRejection problem = CheckFragment(packet, offset, count);
            if (problem != ReassemblyRejection.None)
            {
                return Reject(problem);
            }

            int id = BigEndian.ReadUInt16(packet, offset + FragmentFormat.OffsetDatagramId);
            int index = packet[offset + FragmentFormat.OffsetIndex];
            int fragments = packet[offset + FragmentFormat.OffsetCount];
            int slot = Find(source, id);
            if (slot >= 0 && _states[slot] == Done && _counts[slot] != fragments)
            {
                _states[slot] = Free; // a different datagram reusing a finished id: start afresh
                slot = -1;
            }

            if (slot < 0)
            {
                slot = Claim(source, id, fragments, nowMs);
            }
            else if (_states[slot] == Done)
            {
                return Reject(ReassemblyRejection.Duplicate);
            }
            else if (_counts[slot] != fragments)
            {
                return Reject(ReassemblyRejection.CountMismatch);
            }

            int word = (slot * BitmapWords) + (index >> 5);
            uint bit = 1u << (index & 31);
            if ((_bitmaps[word] & bit) != 0)
            {
                return Reject(ReassemblyRejection.Duplicate);
            }

            int data = count - FragmentFormat.HeaderLength;
            _bitmaps[word] |= bit;
            System.Array.Copy(packet, offset + FragmentFormat.HeaderLength, _buffer, (slot * MaxFrameLength) + (index * _dataLength), data);
            FragmentsAccepted++;
            if (index == fragments - 1)
            {
                _lengths[slot] = ((fragments - 1) * _dataLength) + data;
            }

            if (++_received[slot] < fragments)
            {
                return ReassemblyResult.Incomplete;
            }

            _states[slot] = Done;
            Reassembled++;
            frame = _buffer;
            frameOffset = slot * MaxFrameLength;
            frameLength = _lengths[slot];
            return ReassemblyResult.Complete;
        }

        /// <summary>
        /// Drops datagrams older than <see cref="TimeoutMs"/> (counted in <see cref="TimedOut"/>) and
        /// forgets completed ones as old. <see cref="Push"/> does this too; call it when packets stop.
        /// </summary>
        /// <returns>The number of unfinished datagrams dropped.</returns>
        public int Tick(long nowMs)
        {
            int dropped = 0;
            for (int i = 0; i < SlotCount; i++)
            {
                if (_states[i] != Free && nowMs - _started[i] >= TimeoutMs)
                {
                    if (_states[i] == Receiving)
                    {
                        dropped++;
                        TimedOut++;
                    }

                    _states[i] = Free;
                }
            }

            return dropped;
        }

        private ReassemblyRejection CheckFragment(byte[] packet, int offset, int count)
        {
            if (count < FragmentFormat.HeaderLength)
            {
                return ReassemblyRejection.BadHeader;
            }

            int index = packet[offset + FragmentFormat.OffsetIndex];
            int fragments = packet[offset + FragmentFormat.OffsetCount];
            if (fragments < FragmentFormat.MinFragments)
            {
                return ReassemblyRejection.BadHeader;
            }

            if (index >= fragments)
            {
                return ReassemblyRejection.IndexOutOfRange;
            }

            // count <= Mtu already holds, so data never exceeds the per-fragment length.
            int data = count - FragmentFormat.HeaderLength;
            bool last = index == fragments - 1;
            if (last ? data < 1 : data != _dataLength)
            {
                return ReassemblyRejection.WrongFragmentSize;
            }

            long smallest = ((long)(fragments - 1) * _dataLength) + (last ? data : 1);
            return smallest > MaxFrameLength ? ReassemblyRejection.FrameTooLarge : ReassemblyRejection.None;
        }

        private int Find(ulong source, int id)
        {
            for (int i = 0; i < SlotCount; i++)
            {
                if (_states[i] != Free && _ids[i] == id && _sources[i] == source)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Takes a free slot, else the oldest completed one, else evicts the oldest unfinished one.</summary>
        private int Claim(ulong source, int id, int fragments, long nowMs)
        {
            int slot = Oldest(Free);
            if (slot < 0)
            {
                slot = Oldest(Done);
            }

            if (slot < 0)
            {
                slot = Oldest(Receiving);
                Evicted++;
            }

            _states[slot] = Receiving;
            _sources[slot] = source;
            _ids[slot] = id;
            _counts[slot] = fragments;
            _received[slot] = 0;
            _lengths[slot] = 0;
            _started[slot] = nowMs;
            for (int w = 0; w < BitmapWords; w++)
            {
                _bitmaps[(slot * BitmapWords) + w] = 0;
            }

            DatagramsStarted++;
            return slot;
        }

        private int Oldest(byte state)
        {
            int slot = -1;
            for (int i = 0; i < SlotCount; i++)
            {
                if (_states[i] == state && (slot < 0 || _started[i] < _started[slot]))
                {
                    slot = i;
                }
            }

            return slot;
        }

        private ReassemblyResult Reject(ReassemblyRejection reason)
        {
            LastRejection = reason;
            _rejections[(int)reason]++;
            Rejected++;
            return ReassemblyResult.Rejected;
        }
    }
}

using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Protocol.Link
{
    /// <summary>
    /// Recovers frames from a byte stream written by <see cref="StreamFramer"/> (docs/link-framing.md §3).
    /// Feed it whatever chunks the driver reads, split anywhere; every 0x00 ends a record, which is
    /// COBS-decoded in place, CRC-checked and, when good, handed to an <see cref="ILinkFrameSink"/>.
    /// Line noise costs at most the record it lands in: the next delimiter resynchronises.
    /// </summary>
    /// <remarks>
    /// Memory is one buffer of <c>maxRecordLength - 1</c> bytes allocated by the constructor; nothing is
    /// allocated afterwards. A record longer than that is dropped up to its delimiter and counted in
    /// <see cref="Oversize"/>. Every delimiter increments exactly one of <see cref="FramesOk"/>,
    /// <see cref="EmptyRecords"/>, <see cref="Oversize"/>, <see cref="BadEncoding"/>,
    /// <see cref="ShortRecords"/> or <see cref="BadChecksum"/>, so their sum is <see cref="Records"/>.
    /// Single-threaded by contract and not reentrant: the sink must not call <see cref="Push"/> on
    /// the same instance.
    /// </remarks>
    public sealed class StreamDeframer
    {
        private readonly byte[] _buffer;
        private int _length;
        private bool _discarding;

        /// <summary>
        /// Creates a deframer accepting records of up to <paramref name="maxRecordLength"/> bytes,
        /// delimiter included (use <see cref="StreamFramer.MaxRecordLength"/> of the largest frame).
        /// </summary>
        public StreamDeframer(int maxRecordLength)
        {
            if (maxRecordLength < StreamFramer.MaxRecordLength(1))
            {
                throw new System.ArgumentOutOfRangeException(nameof(maxRecordLength));
            }

            _buffer = new byte[maxRecordLength - 1];
            int frame = maxRecordLength - 4; // a frame costs at least CRC, one code byte and the delimiter
            while (StreamFramer.MaxRecordLength(frame) > maxRecordLength)
            {
                frame--;
            }

            MaxFrameLength = frame;
        }

        /// <summary>Largest record accepted, delimiter included (the constructor argument).</summary>
        public int MaxRecordLength
        {
            get { return _buffer.Length + 1; }
        }

        /// <summary>Largest frame that is accepted whatever its content.</summary>
        public int MaxFrameLength { get; }

        /// <summary>Bytes of the current, unfinished record held (0 while discarding an oversize one).</summary>
        public int Pending
        {
            get { return _discarding ? 0 : _length; }
        }

        /// <summary>Frames delivered to the sink.</summary>
        public long FramesOk { get; private set; }

        /// <summary>Delimiters with nothing before them (senders may add one to flush line noise).</summary>
        public long EmptyRecords { get; private set; }

        /// <summary>Records longer than <see cref="MaxRecordLength"/>, dropped.</summary>
        public long Oversize { get; private set; }

        /// <summary>Records that are not valid COBS (a code byte runs past the record's end).</summary>
        public long BadEncoding { get; private set; }

        /// <summary>Records that decode to fewer than a 1-byte frame plus its CRC.</summary>
        public long ShortRecords { get; private set; }

        /// <summary>Records whose CRC did not match.</summary>
        public long BadChecksum { get; private set; }

        /// <summary>Delimiters seen: the sum of all the outcome counters.</summary>
        public long Records
        {
            get { return FramesOk + EmptyRecords + Oversize + BadEncoding + ShortRecords + BadChecksum; }
        }

        /// <summary>
        /// Consumes <paramref name="count"/> bytes and delivers each good frame they complete to
        /// <paramref name="sink"/> before returning. Bad input is counted, never thrown.
        /// </summary>
        /// <returns>The number of frames delivered.</returns>
        /// <exception cref="System.ArgumentException">The range does not fit the buffer, or the sink is null (local programming errors).</exception>
        public int Push(byte[] data, int offset, int count, ILinkFrameSink sink)
        {
            LinkRange.Check(data, offset, count);
            if (sink == null)
            {
                throw new System.ArgumentNullException(nameof(sink));
            }

            int frames = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                // Copy each run of record bytes at once; only delimiters need a decision.
                int start = i;
                while (i < end && data[i] != StreamFramer.Delimiter)
                {
                    i++;
                }

                int run = i - start;
                if (run > _buffer.Length - _length)
                {
                    _discarding = true;
                }
                else if (!_discarding)
                {
                    System.Array.Copy(data, start, _buffer, _length, run);
                    _length += run;
                }

                if (i < end)
                {
                    i++;
                    if (EndRecord(sink))
                    {
                        frames++;
                    }
                }
            }

            return frames;
        }

        /// <summary>Forgets a partly received record (for example after the port was reopened); counts nothing.</summary>
        public void Reset()
        {
            _length = 0;
            _discarding = false;
        }

        private bool EndRecord(ILinkFrameSink sink)
        {
            int length = _length;
            bool discarding = _discarding;
            Reset();
            if (discarding)
            {
                Oversize++;
                return false;
            }

            if (length == 0)
            {
                EmptyRecords++;
                return false;
            }

            if (CobsCodec.Decode(_buffer, 0, length, _buffer, 0, _buffer.Length, out int decoded) != FrameError.None)
            {
                BadEncoding++;
                return false;
            }

            int frameLength = decoded - StreamFramer.ChecksumLength;
            if (frameLength < 1)
            {
                ShortRecords++;
                return false;
            }

            int expected = (_buffer[frameLength] << 8) | _buffer[frameLength + 1];
            if (Crc16Ccitt.Compute(_buffer, 0, frameLength) != expected)
            {
                BadChecksum++;
                return false;
            }

            FramesOk++;
            sink.OnFrame(_buffer, 0, frameLength);
            return true;
        }
    }
}

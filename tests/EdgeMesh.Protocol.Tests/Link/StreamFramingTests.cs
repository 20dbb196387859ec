using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using static EdgeMesh.Protocol.Tests.Link.LinkTestData;

namespace EdgeMesh.Protocol.Tests.Link
{
    public sealed class StreamFramingTests
    {
        /// <summary>docs/link-framing.md §3.2: a header-only beacon frame and its record.</summary>
        internal const string BeaconFrameHex =
            "01 00 40 10 01 02 03 04 05 06 07 08 00 00 00 00 00 00 00 01 01 8b cf e5 68 00 00 00 00 00 00 00 00 00 00 00 00 00";

        private const string BeaconRecordHex =
            "02 01 0b 40 10 01 02 03 04 05 06 07 08 01 01 01 01 01 01 07 01 01 8b cf e5 68 01 01 01 01 01 01 01 01 01 01 01 01 03 49 68 00";

        [Fact]
        public void Documented_beacon_frame_is_what_the_frame_codec_writes()
        {
            var header = new FrameHeader
            {
                Kind = FrameKind.Beacon,
                Security = SecurityMode.None,
                Priority = Priority.Control,
                HopLimit = 1,
                Sender = new NodeId(0x0102030405060708),
                Sequence = 1,
                TimestampMs = 1_700_000_000_000,
                Destination = 0,
                PayloadType = PayloadType.Raw,
                PayloadLength = 0,
            };
            byte[] frame = new byte[WireFormat.HeaderLength];
            Assert.Equal(FrameError.None, FrameCodec.Encode(ref header, Array.Empty<byte>(), 0, 0, frame, 0, frame.Length, out _));
            Assert.Equal(Hex(BeaconFrameHex), frame);
        }

        [Fact]
        public void Encodes_the_documented_records_byte_for_byte()
        {
            Assert.Equal(Hex(BeaconRecordHex), Record(Hex(BeaconFrameHex)));
            Assert.Equal(Hex("02 01 04 02 db ee 00"), Record(Hex("01 00 02")));
        }

        [Fact]
        public void Decodes_the_documented_record_fed_one_byte_at_a_time()
        {
            byte[] record = Hex(BeaconRecordHex);
            var deframer = new StreamDeframer(StreamFramer.MaxRecordLength(64));
            var sink = new CollectingSink();
            int delivered = 0;
            for (int i = 0; i < record.Length; i++)
            {
                delivered += deframer.Push(record, i, 1, sink);
            }

            Assert.Equal(1, delivered);
            Assert.Equal(Hex(BeaconFrameHex), Assert.Single(sink.Frames));
            Assert.Equal(1, deframer.FramesOk);
            Assert.Equal(1, deframer.Records);
        }

        [Fact]
        public void Resynchronises_after_line_noise()
        {
            byte[] frameA = Hex("01 11 22 33");
            byte[] frameB = Hex("01 00 00 44");
            byte[] stream = Concat(
                Hex("7f 3c 99"), // noise before the first delimiter: one bad record
                Hex("00"),
                Record(frameA),
                Hex("de ad be ef 00"), // a noise burst between frames
                Record(frameB));
            var deframer = new StreamDeframer(StreamFramer.MaxRecordLength(32));
            var sink = new CollectingSink();
            Assert.Equal(2, deframer.Push(stream, 0, stream.Length, sink));
            Assert.Equal(new[] { frameA, frameB }, sink.Frames);
            Assert.Equal(2, deframer.FramesOk);
            Assert.Equal(2, deframer.BadEncoding + deframer.BadChecksum + deframer.ShortRecords);
            Assert.Equal(4, deframer.Records);
        }

        [Fact]
        public void A_corrupted_byte_loses_only_its_own_frame()
        {
            byte[] frame = Hex("01 02 03 04 05 06 07 08");
            byte[] bad = Record(frame);
            bad[3] ^= 0x10;
            byte[] stream = Concat(Record(frame), bad, Record(frame));
            var deframer = new StreamDeframer(StreamFramer.MaxRecordLength(32));
            var sink = new CollectingSink();
            Assert.Equal(2, deframer.Push(stream, 0, stream.Length, sink));
            Assert.Equal(1, deframer.BadChecksum);
        }

        [Fact]
        public void Counts_empty_short_and_badly_encoded_records()
        {
            byte[] stream = Hex("00 00 02 11 00 03 11 22 00 05 11 00");
            var deframer = new StreamDeframer(StreamFramer.MaxRecordLength(32));
            Assert.Equal(0, deframer.Push(stream, 0, stream.Length, new CollectingSink()));
            Assert.Equal(2, deframer.EmptyRecords);
            Assert.Equal(2, deframer.ShortRecords); // 02 11 decodes to one byte, 03 11 22 to two: no room for frame + CRC
            Assert.Equal(1, deframer.BadEncoding); // 05 11: code runs past the end
            Assert.Equal(5, deframer.Records);
        }

        [Fact]
        public void Discards_an_oversize_record_up_to_its_delimiter_and_keeps_going()
        {
            var deframer = new StreamDeframer(StreamFramer.MaxRecordLength(16));
            byte[] big = new byte[40];
            Array.Fill(big, (byte)0x33);
            big[0] = 1;
            byte[] small = Hex("01 44");
            byte[] stream = Concat(Record(big), Record(small));
            var sink = new CollectingSink();
            for (int i = 0; i < stream.Length; i += 7)
            {
                deframer.Push(stream, i, Math.Min(7, stream.Length - i), sink);
            }

            Assert.Equal(1, deframer.Oversize);
            Assert.Equal(small, Assert.Single(sink.Frames));
            Assert.Equal(2, deframer.Records);
        }

        [Fact]
        public void Accepts_any_frame_up_to_max_frame_length()
        {
            var deframer = new StreamDeframer(300);
            int max = deframer.MaxFrameLength;
            Assert.Equal(300, StreamFramer.MaxRecordLength(max));
            Assert.True(StreamFramer.MaxRecordLength(max + 1) > 300);
            byte[] frame = new byte[max];
            Array.Fill(frame, (byte)0x7E); // no zeros: the longest encoding
            var sink = new CollectingSink();
            byte[] record = Record(frame);
            Assert.True(record.Length <= 300);
            Assert.Equal(1, deframer.Push(record, 0, record.Length, sink));
            Assert.Equal(frame, sink.Frames[0]);
        }

        [Fact]
        public void Reset_forgets_a_partial_record_without_counting_it()
        {
            byte[] record = Record(Hex("01 02 03"));
            var deframer = new StreamDeframer(64);
            var sink = new CollectingSink();
            deframer.Push(record, 0, 3, sink);
            Assert.Equal(3, deframer.Pending);
            deframer.Reset();
            Assert.Equal(0, deframer.Pending);
            Assert.Equal(1, deframer.Push(record, 0, record.Length, sink));
            Assert.Equal(1, deframer.Records);
        }

        [Fact]
        public void Framer_refuses_empty_frames_and_small_buffers()
        {
            byte[] frame = Hex("01 02 03");
            byte[] output = new byte[16];
            Assert.Equal(FrameError.InvalidArgument, StreamFramer.Encode(frame, 0, 0, output, 0, output.Length, out _));
            Assert.Equal(FrameError.BufferTooSmall, StreamFramer.Encode(frame, 0, 3, output, 0, StreamFramer.MaxRecordLength(3) - 1, out int written));
            Assert.Equal(0, written);
            Assert.Equal(7, StreamFramer.MaxRecordLength(3));
        }

        [Fact]
        public void Push_rejects_a_range_outside_the_buffer()
        {
            var deframer = new StreamDeframer(64);
            Assert.ThrowsAny<ArgumentException>(() => deframer.Push(new byte[4], 2, 3, new CollectingSink()));
            Assert.Throws<ArgumentOutOfRangeException>(() => new StreamDeframer(4));
        }
    }
}

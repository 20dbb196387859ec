using System;
using BenchmarkDotNet.Attributes;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Benchmarks
{
    /// <summary>
    /// Link framing costs: COBS on a 102-byte frame (38-byte header + 64-byte payload), a serial
    /// record framed and deframed, and a 200-byte frame fragmented and reassembled at the
    /// nRF24L01 MTU (32, eight fragments) and the LoRa MTU (255, travels whole).
    /// </summary>
    [MemoryDiagnoser]
    public class LinkFramingBenchmarks : ILinkFrameSink
    {
        private readonly byte[] _frame102 = new byte[102];
        private readonly byte[] _frame200 = new byte[200];
        private readonly byte[] _encoded = new byte[CobsCodec.MaxEncodedLength(102)];
        private readonly byte[] _decoded = new byte[102];
        private readonly byte[] _record = new byte[StreamFramer.MaxRecordLength(102)];
        private readonly byte[] _packet = new byte[255];
        private int _encodedLength;
        private int _received;
        private StreamDeframer _deframer = null!;
        private Fragmenter _fragmenter32 = null!;
        private Fragmenter _fragmenter255 = null!;
        private Reassembler _reassembler32 = null!;
        private Reassembler _reassembler255 = null!;
        private long _now;

        /// <summary>Fills the frames with seeded random bytes and builds the link state.</summary>
        [GlobalSetup]
        public void Setup()
        {
            var random = new Random(42);
            random.NextBytes(_frame102);
            random.NextBytes(_frame200);
            _frame102[0] = WireFormat.Version;
            _frame200[0] = WireFormat.Version;
            CobsCodec.Encode(_frame102, 0, _frame102.Length, _encoded, 0, _encoded.Length, out _encodedLength);
            _deframer = new StreamDeframer(_record.Length);
            _fragmenter32 = new Fragmenter(32);
            _fragmenter255 = new Fragmenter(255);
            _reassembler32 = new Reassembler(32, 4, 512, 1000);
            _reassembler255 = new Reassembler(255, 4, 512, 1000);
        }

        /// <summary>COBS-encodes the 102-byte frame.</summary>
        [Benchmark]
        public int CobsEncode102()
        {
            CobsCodec.Encode(_frame102, 0, _frame102.Length, _encoded, 0, _encoded.Length, out int written);
            return written;
        }

        /// <summary>COBS-decodes the 102-byte frame's encoding.</summary>
        [Benchmark]
        public int CobsDecode102()
        {
            CobsCodec.Decode(_encoded, 0, _encodedLength, _decoded, 0, _decoded.Length, out int written);
            return written;
        }

        /// <summary>CRC-16/CCITT-FALSE of the 102-byte frame (the record checksum).</summary>
        [Benchmark]
        public int Crc102()
        {
            return Crc16Ccitt.Compute(_frame102, 0, _frame102.Length);
        }

        /// <summary>Frames the 102-byte frame as a serial record (CRC + COBS) and deframes it.</summary>
        [Benchmark]
        public int StreamFrameDeframe102()
        {
            StreamFramer.Encode(_frame102, 0, _frame102.Length, _record, 0, _record.Length, out int written);
            return _deframer.Push(_record, 0, written, this);
        }

        /// <summary>Fragments a 200-byte frame into eight 32-byte packets and reassembles it.</summary>
        [Benchmark]
        public int FragmentReassemble200Mtu32()
        {
            return FragmentReassemble(_fragmenter32, _reassembler32);
        }

        /// <summary>Sends a 200-byte frame over a 255-byte MTU: one whole packet, passed through.</summary>
        [Benchmark]
        public int FragmentReassemble200Mtu255()
        {
            return FragmentReassemble(_fragmenter255, _reassembler255);
        }

        /// <summary>Sink for the deframer: counts frames.</summary>
        public void OnFrame(byte[] buffer, int offset, int count)
        {
            _received += count;
        }

        private int FragmentReassemble(Fragmenter fragmenter, Reassembler reassembler)
        {
            int length = 0;
            fragmenter.Begin(_frame200, 0, _frame200.Length);
            while (fragmenter.HasNextPacket)
            {
                fragmenter.NextPacket(_packet, 0, _packet.Length, out int written);
                if (reassembler.Push(1, _packet, 0, written, _now++, out _, out _, out int frameLength) == ReassemblyResult.Complete)
                {
                    length = frameLength;
                }
            }

            return length;
        }
    }
}

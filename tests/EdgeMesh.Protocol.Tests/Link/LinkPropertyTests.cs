using System.Collections.Generic;
using System.Linq;
using EdgeMesh.Protocol.Link;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Protocol.Tests.Link
{
    /// <summary>Round-trip properties of the link layers over generated inputs.</summary>
    public sealed class LinkPropertyTests
    {
        /// <summary>Bytes weighted towards 0x00 and 0xFF, the values COBS treats specially.</summary>
        private static readonly Gen<byte> TrickyByte = Gen.Frequency(
            (3, Gen.Constant((byte)0)),
            (1, Gen.Constant((byte)0xFF)),
            (6, Gen.Choose(0, 255).Select(i => (byte)i)));

        private static Gen<byte[]> Bytes(int min, int max)
        {
            return Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(TrickyByte, n));
        }

        [Fact]
        public void Cobs_round_trips_and_never_emits_zero()
        {
            Prop.ForAll(Bytes(0, 1200).ToArbitrary(), data =>
            {
                byte[] encoded = new byte[CobsCodec.MaxEncodedLength(data.Length)];
                bool ok = CobsCodec.Encode(data, 0, data.Length, encoded, 0, encoded.Length, out int written) == FrameError.None;
                byte[] decoded = new byte[data.Length];
                ok &= CobsCodec.Decode(encoded, 0, written, decoded, 0, decoded.Length, out int length) == FrameError.None;
                return ok && Array.IndexOf(encoded, (byte)0, 0, written) < 0 && decoded.AsSpan(0, length).SequenceEqual(data);
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Stream_records_survive_any_chunking()
        {
            var gen =
                from frames in Gen.Choose(1, 8).SelectMany(n => Gen.ArrayOf(Bytes(1, 300), n))
                from cuts in Gen.ArrayOf(Gen.Choose(0, 4000), 12)
                select (frames, cuts);
            Prop.ForAll(gen.ToArbitrary(), input =>
            {
                byte[] stream = input.frames.SelectMany(LinkTestData.Record).ToArray();
                int[] bounds = input.cuts.Select(c => c % (stream.Length + 1)).Append(0).Append(stream.Length).Distinct().Order().ToArray();
                var deframer = new StreamDeframer(StreamFramer.MaxRecordLength(300));
                var sink = new CollectingSink();
                for (int i = 1; i < bounds.Length; i++)
                {
                    deframer.Push(stream, bounds[i - 1], bounds[i] - bounds[i - 1], sink);
                }

                return sink.Frames.Count == input.frames.Length
                    && sink.Frames.Zip(input.frames).All(p => p.First.AsSpan().SequenceEqual(p.Second))
                    && deframer.Records == deframer.FramesOk
                    && deframer.Pending == 0;
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Fragments_reassemble_in_any_order_with_duplicates()
        {
            var gen =
                from mtu in Gen.Choose(8, 255)
                from length in Gen.Choose(1, Math.Min(2500, FragmentFormat.MaxFrameLength(mtu)))
                from body in Gen.ArrayOf(TrickyByte, length)
                let packetCount = FragmentFormat.PacketCount(mtu, length)
                from order in Gen.Shuffle(Enumerable.Range(0, packetCount))
                from duplicates in Gen.ArrayOf(Gen.Choose(0, packetCount - 1), packetCount / 2)
                from id in Gen.Choose(0, 0xFFFF)
                select (mtu, body, order, duplicates, id);
            Prop.ForAll(gen.ToArbitrary(), input =>
            {
                byte[] frame = input.body;
                frame[0] = WireFormat.Version; // byte 0 of a frame is never a link marker
                List<byte[]> packets = LinkTestData.Packets(new Fragmenter(input.mtu, (ushort)input.id), frame);
                var sequence = input.order.Concat(input.duplicates).ToArray();
                var reassembler = new Reassembler(input.mtu, 2, 2500, 60_000);
                int completes = 0;
                bool match = true;
                foreach (int index in sequence)
                {
                    byte[] packet = packets[index];
                    match &= packet.Length <= input.mtu;
                    if (reassembler.Push(42, packet, 0, packet.Length, 0, out byte[] buffer, out int offset, out int count) == ReassemblyResult.Complete)
                    {
                        completes++;
                        match &= buffer.AsSpan(offset, count).SequenceEqual(frame);
                    }
                }

                bool whole = packets.Count == 1;
                long expectedDuplicates = whole ? 0 : input.duplicates.Length;
                return match
                    && completes == (whole ? sequence.Length : 1)
                    && reassembler.Rejections(ReassemblyRejection.Duplicate) == expectedDuplicates
                    && reassembler.Rejected == expectedDuplicates;
            }).QuickCheckThrowOnFailure();
        }
    }
}

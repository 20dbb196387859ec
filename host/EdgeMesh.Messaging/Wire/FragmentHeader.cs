using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Wire
{
    /// <summary>
    /// One fragment of an envelope, the unit a frame carries (docs/direct-messages.md §3.3). Every
    /// fragment but the last carries exactly <see cref="ChunkSize"/> bytes of the envelope; fragment
    /// <c>i</c> holds envelope bytes <c>[i·chunk, min(length, (i+1)·chunk))</c>.
    /// </summary>
    internal readonly struct FragmentHeader
    {
        internal const int Length = 40;
        private const int OffsetIndex = 6;
        private const int OffsetCount = 8;
        private const int OffsetChunk = 10;
        private const int OffsetEnvelopeLength = 12;
        private const int OffsetRequestId = 16;
        private const int OffsetSender = 32;

        internal FragmentHeader(int index, int count, int chunkSize, int envelopeLength, DmRequestId requestId, NodeId sender)
        {
            Index = index;
            Count = count;
            ChunkSize = chunkSize;
            EnvelopeLength = envelopeLength;
            RequestId = requestId;
            Sender = sender;
        }

        internal int Index { get; }

        internal int Count { get; }

        internal int ChunkSize { get; }

        internal int EnvelopeLength { get; }

        internal DmRequestId RequestId { get; }

        internal NodeId Sender { get; }

        /// <summary>Where this fragment's bytes go in the envelope.</summary>
        internal int ChunkOffset => Index * ChunkSize;

        /// <summary>How many envelope bytes this fragment carries.</summary>
        internal int ChunkLength => Math.Min(ChunkSize, EnvelopeLength - ChunkOffset);

        /// <summary>Number of fragments an envelope of <paramref name="envelopeLength"/> bytes needs.</summary>
        internal static int CountFor(int envelopeLength, int chunkSize)
        {
            return (envelopeLength + chunkSize - 1) / chunkSize;
        }

        /// <summary>
        /// Parses a fragment packet and checks that its fields are consistent with each other and with
        /// the packet length. Never throws, never reads outside <paramref name="packet"/>.
        /// </summary>
        internal static DmRefusal TryParse(ReadOnlySpan<byte> packet, out FragmentHeader header)
        {
            header = default;
            DmRefusal preamble = DmWire.CheckPreamble(packet, DmWire.FragmentMagic, Length);
            if (preamble != DmRefusal.None)
            {
                return preamble;
            }

            int index = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(OffsetIndex));
            int count = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(OffsetCount));
            int chunk = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(OffsetChunk));
            uint envelopeLength = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(OffsetEnvelopeLength));
            if (packet[5] != 0 || chunk < DmLimits.MinFragmentChunk || chunk > DmLimits.MaxFragmentChunk
                || envelopeLength < EnvelopeHeader.Overhead + EnvelopeHeader.MinCiphertextLength || envelopeLength > EnvelopeHeader.MaxLength
                || count != CountFor((int)envelopeLength, chunk) || index >= count)
            {
                return DmRefusal.Malformed;
            }

            var parsed = new FragmentHeader(index, count, chunk, (int)envelopeLength, DmRequestId.Read(packet.Slice(OffsetRequestId)), DmWire.ReadNodeId(packet.Slice(OffsetSender)));
            if (packet.Length != Length + parsed.ChunkLength || parsed.RequestId.IsEmpty || parsed.Sender.IsEmpty)
            {
                return DmRefusal.Malformed;
            }

            header = parsed;
            return DmRefusal.None;
        }

        /// <summary>True when <paramref name="other"/> describes the same envelope split the same way.</summary>
        internal bool SameSplit(in FragmentHeader other)
        {
            return Count == other.Count && ChunkSize == other.ChunkSize && EnvelopeLength == other.EnvelopeLength;
        }

        /// <summary>Writes this header followed by its chunk of <paramref name="envelope"/>; returns the packet length.</summary>
        internal int Write(ReadOnlySpan<byte> envelope, Span<byte> destination)
        {
            DmWire.WritePreamble(destination, DmWire.FragmentMagic);
            destination[5] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(OffsetIndex), (ushort)Index);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(OffsetCount), (ushort)Count);
            BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(OffsetChunk), (ushort)ChunkSize);
            BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(OffsetEnvelopeLength), (uint)EnvelopeLength);
            RequestId.Write(destination.Slice(OffsetRequestId));
            DmWire.WriteNodeId(destination.Slice(OffsetSender), Sender);
            envelope.Slice(ChunkOffset, ChunkLength).CopyTo(destination.Slice(Length));
            return Length + ChunkLength;
        }

        /// <summary>
        /// Splits a whole envelope into fragment packets, all in one array (so retries resend the same
        /// bytes without allocating); each element of the result is one packet.
        /// </summary>
        internal static ReadOnlyMemory<byte>[] Split(byte[] envelope, int chunkSize, DmRequestId requestId, NodeId sender)
        {
            int count = CountFor(envelope.Length, chunkSize);
            byte[] all = new byte[(count * Length) + envelope.Length];
            var packets = new ReadOnlyMemory<byte>[count];
            int at = 0;
            for (int i = 0; i < count; i++)
            {
                var header = new FragmentHeader(i, count, chunkSize, envelope.Length, requestId, sender);
                int written = header.Write(envelope, all.AsSpan(at));
                packets[i] = new ReadOnlyMemory<byte>(all, at, written);
                at += written;
            }

            return packets;
        }
    }
}

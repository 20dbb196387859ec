using EdgeMesh.Protocol.Internal;

namespace EdgeMesh.Protocol.Wire
{
    /// <summary>
    /// Encodes and decodes v1 frames in caller-owned buffers (docs/wire-format.md §2). Never throws
    /// on bad input and never allocates: every outcome is a <see cref="FrameError"/>.
    /// </summary>
    public static class FrameCodec
    {
        /// <summary>
        /// Writes the header and copies the payload into <paramref name="destination"/>, leaving
        /// the trailer bytes zeroed for the security layer to fill (<see cref="TrailerOffset"/>).
        /// <paramref name="header"/>.PayloadLength must equal <paramref name="payloadLength"/>.
        /// </summary>
        /// <returns><see cref="FrameError.None"/> and the bytes written, or why nothing was written.</returns>
        public static FrameError Encode(
            ref FrameHeader header,
            byte[] payload,
            int payloadOffset,
            int payloadLength,
            byte[] destination,
            int destinationOffset,
            int destinationCount,
            out int written)
        {
            written = 0;
            if (payloadLength != header.PayloadLength || payloadLength < 0)
            {
                return FrameError.InvalidArgument;
            }

            if (payloadLength > 0 && !ByteRange.IsValid(payload, payloadOffset, payloadLength))
            {
                return FrameError.InvalidArgument;
            }

            FrameError error = EncodeHeader(ref header, destination, destinationOffset, destinationCount);
            if (error != FrameError.None)
            {
                return error;
            }

            if (payloadLength > 0)
            {
                System.Array.Copy(payload!, payloadOffset, destination, destinationOffset + WireFormat.HeaderLength, payloadLength);
            }

            int trailerLength = header.TrailerLength;
            int trailerOffset = destinationOffset + WireFormat.HeaderLength + payloadLength;
            for (int i = 0; i < trailerLength; i++)
            {
                destination[trailerOffset + i] = 0;
            }

            written = header.FrameLength;
            return FrameError.None;
        }

        /// <summary>
        /// Writes only the 38-byte header, after checking that the whole frame
        /// (header + <see cref="FrameHeader.PayloadLength"/> + trailer) fits in the destination.
        /// Use it when the payload is encoded in place right after the header.
        /// </summary>
        public static FrameError EncodeHeader(ref FrameHeader header, byte[] destination, int destinationOffset, int destinationCount)
        {
            FrameError error = Validate(ref header);
            if (error != FrameError.None)
            {
                return error;
            }

            if (!ByteRange.IsValid(destination, destinationOffset, destinationCount))
            {
                return FrameError.InvalidArgument;
            }

            if (header.FrameLength > destinationCount)
            {
                return FrameError.BufferTooSmall;
            }

            int o = destinationOffset;
            destination[o + WireFormat.OffsetVersion] = WireFormat.Version;
            destination[o + WireFormat.OffsetFlags] = header.Flags;
            destination[o + WireFormat.OffsetKindSecurityPriority] =
                (byte)(((int)header.Kind << 4) | ((int)header.Security << 2) | (int)header.Priority);
            destination[o + WireFormat.OffsetHops] = (byte)((header.HopLimit << 4) | header.HopCount);
            BigEndian.WriteUInt64(destination, o + WireFormat.OffsetSender, header.Sender.Value);
            BigEndian.WriteUInt64(destination, o + WireFormat.OffsetSequence, header.Sequence);
            BigEndian.WriteUInt48(destination, o + WireFormat.OffsetTimestamp, header.TimestampMs);
            BigEndian.WriteUInt64(destination, o + WireFormat.OffsetDestination, header.Destination);
            BigEndian.WriteUInt16(destination, o + WireFormat.OffsetPayloadType, header.PayloadType);
            BigEndian.WriteUInt16(destination, o + WireFormat.OffsetPayloadLength, header.PayloadLength);
            return FrameError.None;
        }

        /// <summary>
        /// Decodes the frame at the start of the given range. Bytes after the frame are allowed
        /// (several frames may share one datagram); the frame's length is
        /// <see cref="FrameHeader.FrameLength"/>.
        /// </summary>
        public static FrameError Decode(byte[] source, int offset, int count, out FrameHeader header)
        {
            return Decode(source, offset, count, WireFormat.MaxPayloadLength, out header);
        }

        /// <summary>As <see cref="Decode(byte[], int, int, out FrameHeader)"/>, refusing payloads over <paramref name="maxPayloadLength"/>.</summary>
        public static FrameError Decode(byte[] source, int offset, int count, int maxPayloadLength, out FrameHeader header)
        {
            header = default(FrameHeader);
            if (!ByteRange.IsValid(source, offset, count))
            {
                return FrameError.InvalidArgument;
            }

            if (count < 1)
            {
                return FrameError.Truncated;
            }

            if (source[offset + WireFormat.OffsetVersion] != WireFormat.Version)
            {
                return FrameError.UnsupportedVersion;
            }

            if (count < WireFormat.HeaderLength)
            {
                return FrameError.Truncated;
            }

            byte flags = source[offset + WireFormat.OffsetFlags];
            if ((flags & ~FrameFlags.DefinedMask) != 0)
            {
                return FrameError.ReservedFlags;
            }

            int ksp = source[offset + WireFormat.OffsetKindSecurityPriority];
            int kind = ksp >> 4;
            int security = (ksp >> 2) & 0x3;
            if (kind > (int)FrameKind.Admission)
            {
                return FrameError.UnknownKind;
            }

            if (security > (int)SecurityMode.Signature)
            {
                return FrameError.UnknownSecurityMode;
            }

            int hops = source[offset + WireFormat.OffsetHops];
            if ((hops & 0xF) > (hops >> 4))
            {
                return FrameError.HopCountExceedsLimit;
            }

            int payloadLength = BigEndian.ReadUInt16(source, offset + WireFormat.OffsetPayloadLength);
            if (payloadLength > maxPayloadLength)
            {
                return FrameError.PayloadTooLarge;
            }

            header.Flags = flags;
            header.Kind = (FrameKind)kind;
            header.Security = (SecurityMode)security;
            header.Priority = (Priority)(ksp & 0x3);
            header.HopLimit = (byte)(hops >> 4);
            header.HopCount = (byte)(hops & 0xF);
            header.PayloadLength = payloadLength;
            if (header.FrameLength > count)
            {
                header = default(FrameHeader);
                return FrameError.Truncated;
            }

            header.Sender = new NodeId(BigEndian.ReadUInt64(source, offset + WireFormat.OffsetSender));
            header.Sequence = BigEndian.ReadUInt64(source, offset + WireFormat.OffsetSequence);
            header.TimestampMs = BigEndian.ReadUInt48(source, offset + WireFormat.OffsetTimestamp);
            header.Destination = BigEndian.ReadUInt64(source, offset + WireFormat.OffsetDestination);
            header.PayloadType = (ushort)BigEndian.ReadUInt16(source, offset + WireFormat.OffsetPayloadType);
            return FrameError.None;
        }

        /// <summary>Decodes a range that must hold exactly one frame (a link packet, a COBS record).</summary>
        public static FrameError DecodeExact(byte[] source, int offset, int count, int maxPayloadLength, out FrameHeader header)
        {
            FrameError error = Decode(source, offset, count, maxPayloadLength, out header);
            if (error == FrameError.None && header.FrameLength != count)
            {
                header = default(FrameHeader);
                return FrameError.LengthMismatch;
            }

            return error;
        }

        /// <summary>Offset of the payload of a frame that starts at <paramref name="frameOffset"/>.</summary>
        public static int PayloadOffset(int frameOffset)
        {
            return frameOffset + WireFormat.HeaderLength;
        }

        /// <summary>Offset of the trailer of a frame that starts at <paramref name="frameOffset"/>.</summary>
        public static int TrailerOffset(ref FrameHeader header, int frameOffset)
        {
            return frameOffset + WireFormat.HeaderLength + header.PayloadLength;
        }

        /// <summary>
        /// Increments the hop count in place in an encoded frame (a relay's only change; the
        /// authenticated bytes exclude it, §3). Returns false when the hop limit is reached.
        /// </summary>
        public static bool TryIncrementHopCount(byte[] frame, int frameOffset)
        {
            int hops = frame[frameOffset + WireFormat.OffsetHops];
            if ((hops & 0xF) >= (hops >> 4))
            {
                return false;
            }

            frame[frameOffset + WireFormat.OffsetHops] = (byte)(hops + 1);
            return true;
        }

        private static FrameError Validate(ref FrameHeader header)
        {
            if ((header.Flags & ~FrameFlags.DefinedMask) != 0)
            {
                return FrameError.ReservedFlags;
            }

            if ((int)header.Kind > (int)FrameKind.Admission)
            {
                return FrameError.UnknownKind;
            }

            if ((int)header.Security > (int)SecurityMode.Signature)
            {
                return FrameError.UnknownSecurityMode;
            }

            if ((int)header.Priority > (int)Priority.Bulk
                || header.HopLimit > WireFormat.MaxHops
                || header.TimestampMs > WireFormat.MaxTimestampMs
                || header.PayloadLength < 0
                || header.PayloadLength > WireFormat.MaxPayloadLength)
            {
                return FrameError.FieldOutOfRange;
            }

            if (header.HopCount > header.HopLimit)
            {
                return FrameError.HopCountExceedsLimit;
            }

            return FrameError.None;
        }
    }
}

using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Messages
{
    /// <summary>
    /// Encodes and decodes gossip control messages carried in Membership frames
    /// (docs/gossip.md §5). The frame header is written and read by <see cref="FrameCodec"/>.
    /// Decoding never throws and never allocates: bad input yields a <see cref="FrameError"/>.
    /// </summary>
    public static partial class ControlCodec
    {
        /// <summary>Payload bytes a message of this content needs; -1 when a list is longer than allowed.</summary>
        public static int PayloadLength(ControlMessage message)
        {
            int length = FixedLength(message.Type);
            if (length != -1)
            {
                return length == 0 ? -1 : length;
            }

            int c = GossipWire.CommonLength;
            switch (message.Type)
            {
                case ControlType.Shuffle:
                    return InRange(message.NodeCount, 0, ControlMessage.MaxNodes) ? c + 10 + (GossipWire.NodeEntryLength * message.NodeCount) : -1;
                case ControlType.ShuffleReply:
                    return InRange(message.NodeCount, 0, ControlMessage.MaxNodes) ? c + 1 + (GossipWire.NodeEntryLength * message.NodeCount) : -1;
                case ControlType.Ping:
                case ControlType.Ack:
                    return InRange(message.UpdateCount, 0, ControlMessage.MaxUpdates) ? c + 23 + (GossipWire.UpdateEntryLength * message.UpdateCount) : -1;
                case ControlType.Gossip:
                    return message.Inner == null || message.InnerLength < WireFormat.HeaderLength ? -1 : c + 2 + message.InnerLength;
                default:
                    return InRange(message.EntryCount, 1, ControlMessage.MaxEntries) ? c + 1 + (GossipWire.IHaveEntryLength * message.EntryCount) : -1;
            }
        }

        /// <summary>
        /// Writes a Membership frame (header and control payload, no trailer) carrying
        /// <paramref name="message"/>. The frame is link-local (NoRelay, hop limit 0).
        /// </summary>
        public static FrameError Encode(
            ControlMessage message,
            NodeId sender,
            ulong sequence,
            ulong timestampMs,
            NodeId destination,
            Priority priority,
            byte[] buffer,
            int offset,
            int count,
            out int written)
        {
            written = 0;
            int payloadLength = PayloadLength(message);
            if (payloadLength < 0)
            {
                return FrameError.InvalidArgument;
            }

            if (payloadLength > WireFormat.MaxPayloadLength)
            {
                return FrameError.PayloadTooLarge;
            }

            var header = new FrameHeader
            {
                Flags = FrameFlags.NoRelay,
                Kind = FrameKind.Membership,
                Security = SecurityMode.None,
                Priority = priority,
                Sender = sender,
                Sequence = sequence,
                TimestampMs = timestampMs,
                Destination = destination.Value,
                PayloadType = GossipWire.ControlPayloadType,
                PayloadLength = payloadLength,
            };
            FrameError error = FrameCodec.EncodeHeader(ref header, buffer, offset, count);
            if (error != FrameError.None)
            {
                return error;
            }

            WriteBody(message, buffer.AsSpan(offset + WireFormat.HeaderLength, payloadLength));
            written = header.FrameLength;
            return FrameError.None;
        }

        /// <summary>
        /// Decodes one Membership frame that occupies exactly the given range into
        /// <paramref name="into"/>. For GOSSIP, <see cref="ControlMessage.Inner"/> points into
        /// <paramref name="source"/>.
        /// </summary>
        public static FrameError Decode(byte[] source, int offset, int count, int maxFrameLength, ControlMessage into, out FrameHeader header)
        {
            header = default(FrameHeader);
            if (count > maxFrameLength && source != null && offset >= 0 && count >= 0 && offset <= source.Length - count)
            {
                return FrameError.PayloadTooLarge;
            }

            int maxPayload = Math.Max(0, maxFrameLength - WireFormat.HeaderLength);
            FrameError error = FrameCodec.DecodeExact(source!, offset, count, maxPayload, out header);
            if (error != FrameError.None)
            {
                return error;
            }

            if (header.Kind != FrameKind.Membership || header.PayloadType != GossipWire.ControlPayloadType)
            {
                return FrameError.WrongPayloadType;
            }

            error = ReadBody(source!, offset + WireFormat.HeaderLength, header.PayloadLength, maxPayload, into);
            if (error != FrameError.None)
            {
                into.Type = ControlType.None;
            }

            return error;
        }

        /// <summary>
        /// Reads the id and topic of the broadcast inside a GOSSIP frame without decoding the rest
        /// (for simulators and traces). False for anything that is not a well-formed-looking GOSSIP frame.
        /// </summary>
        public static bool TryReadGossipId(byte[] frame, int offset, int count, out MessageId id, out ulong topic)
        {
            id = default(MessageId);
            topic = 0;
            const int inner = WireFormat.HeaderLength + GossipWire.CommonLength + 2;
            if (frame == null || offset < 0 || count < inner + WireFormat.HeaderLength || offset > frame.Length - count)
            {
                return false;
            }

            ReadOnlySpan<byte> f = frame.AsSpan(offset, count);
            if ((f[2] >> 4) != (int)FrameKind.Membership || f[WireFormat.HeaderLength + 1] != (byte)ControlType.Gossip)
            {
                return false;
            }

            id = new MessageId(new NodeId(BinaryPrimitives.ReadUInt64BigEndian(f.Slice(inner + 4))), BinaryPrimitives.ReadUInt64BigEndian(f.Slice(inner + 12)));
            topic = BinaryPrimitives.ReadUInt64BigEndian(f.Slice(inner + 26));
            return true;
        }

        private static void WriteBody(ControlMessage m, Span<byte> p)
        {
            p[0] = GossipWire.PayloadVersion;
            p[1] = (byte)m.Type;
            BinaryPrimitives.WriteUInt32BigEndian(p.Slice(2), m.Incarnation);
            Span<byte> b = p.Slice(GossipWire.CommonLength);
            switch (m.Type)
            {
                case ControlType.ForwardJoin:
                    WriteSubject(b, m, m.Ttl);
                    break;
                case ControlType.Suspect:
                case ControlType.Alive:
                case ControlType.Dead:
                    WriteSubject(b, m, m.Flags);
                    break;
                case ControlType.Neighbor:
                case ControlType.NeighborReply:
                    b[0] = m.Flags;
                    break;
                case ControlType.Shuffle:
                    BinaryPrimitives.WriteUInt64BigEndian(b, m.Subject.Value);
                    b[8] = m.Ttl;
                    WriteNodes(b.Slice(9), m);
                    break;
                case ControlType.ShuffleReply:
                    WriteNodes(b, m);
                    break;
                case ControlType.Ping:
                case ControlType.Ack:
                    BinaryPrimitives.WriteUInt32BigEndian(b, m.ProbeSequence);
                    b[4] = m.Flags;
                    WriteTree(b.Slice(5), m);
                    WriteUpdates(b.Slice(22), m);
                    break;
                case ControlType.TreeAdvert:
                    WriteTree(b, m);
                    break;
                case ControlType.PingReq:
                    BinaryPrimitives.WriteUInt32BigEndian(b, m.ProbeSequence);
                    BinaryPrimitives.WriteUInt64BigEndian(b.Slice(4), m.Subject.Value);
                    break;
                case ControlType.Gossip:
                    BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)m.Round);
                    m.Inner.AsSpan(m.InnerOffset, m.InnerLength).CopyTo(b.Slice(2));
                    break;
                case ControlType.IHave:
                    WriteEntries(b, m);
                    break;
                case ControlType.Graft:
                    BinaryPrimitives.WriteUInt64BigEndian(b, m.Topic);
                    BinaryPrimitives.WriteUInt64BigEndian(b.Slice(8), m.Message.Origin.Value);
                    BinaryPrimitives.WriteUInt64BigEndian(b.Slice(16), m.Message.Sequence);
                    b[24] = m.Flags;
                    break;
                case ControlType.Prune:
                    BinaryPrimitives.WriteUInt64BigEndian(b, m.Topic);
                    BinaryPrimitives.WriteUInt64BigEndian(b.Slice(8), m.Subject.Value);
                    break;
                default:
                    break; // JOIN, JOINACCEPT, DISCONNECT have no body
            }
        }

        private static void WriteSubject(Span<byte> b, ControlMessage m, byte last)
        {
            BinaryPrimitives.WriteUInt64BigEndian(b, m.Subject.Value);
            BinaryPrimitives.WriteUInt32BigEndian(b.Slice(8), m.SubjectIncarnation);
            b[12] = last;
        }

        private static void WriteTree(Span<byte> b, ControlMessage m)
        {
            BinaryPrimitives.WriteUInt64BigEndian(b, m.TreeRoot.Value);
            b[8] = m.TreeDistance;
            BinaryPrimitives.WriteUInt64BigEndian(b.Slice(9), m.TreeParent.Value);
        }

        private static void WriteNodes(Span<byte> b, ControlMessage m)
        {
            b[0] = (byte)m.NodeCount;
            for (int i = 0; i < m.NodeCount; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(b.Slice(1 + (i * GossipWire.NodeEntryLength)), m.Nodes[i].Value);
            }
        }

        private static void WriteUpdates(Span<byte> b, ControlMessage m)
        {
            b[0] = (byte)m.UpdateCount;
            for (int i = 0; i < m.UpdateCount; i++)
            {
                Span<byte> e = b.Slice(1 + (i * GossipWire.UpdateEntryLength));
                e[0] = (byte)m.Updates[i].State;
                BinaryPrimitives.WriteUInt64BigEndian(e.Slice(1), m.Updates[i].Subject.Value);
                BinaryPrimitives.WriteUInt32BigEndian(e.Slice(9), m.Updates[i].Incarnation);
            }
        }

        private static void WriteEntries(Span<byte> b, ControlMessage m)
        {
            b[0] = (byte)m.EntryCount;
            for (int i = 0; i < m.EntryCount; i++)
            {
                Span<byte> e = b.Slice(1 + (i * GossipWire.IHaveEntryLength));
                ref IHaveEntry entry = ref m.Entries[i];
                BinaryPrimitives.WriteUInt64BigEndian(e, entry.Topic);
                BinaryPrimitives.WriteUInt64BigEndian(e.Slice(8), entry.Id.Origin.Value);
                BinaryPrimitives.WriteUInt64BigEndian(e.Slice(16), entry.Id.Sequence);
                BinaryPrimitives.WriteUInt16BigEndian(e.Slice(24), (ushort)entry.Round);
            }
        }

        private static bool InRange(int value, int min, int max)
        {
            return value >= min && value <= max;
        }
    }
}

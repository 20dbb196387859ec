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
    public static class ControlCodec
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

        private static FrameError ReadBody(byte[] source, int start, int length, int maxPayload, ControlMessage m)
        {
            if (length < GossipWire.CommonLength)
            {
                return FrameError.Truncated;
            }

            ReadOnlySpan<byte> p = source.AsSpan(start, length);
            if (p[0] != GossipWire.PayloadVersion)
            {
                return FrameError.UnsupportedPayloadVersion;
            }

            var type = (ControlType)p[1];
            int expected = FixedLength(type);
            if (expected == 0)
            {
                return FrameError.MalformedPayload;
            }

            m.Reset(type);
            m.Incarnation = BinaryPrimitives.ReadUInt32BigEndian(p.Slice(2));
            ReadOnlySpan<byte> b = p.Slice(GossipWire.CommonLength);
            if (expected > 0 && length != expected)
            {
                return length < expected ? FrameError.Truncated : FrameError.LengthMismatch;
            }

            switch (type)
            {
                case ControlType.ForwardJoin:
                    return ReadSubject(b, m, false);
                case ControlType.Suspect:
                case ControlType.Alive:
                case ControlType.Dead:
                    return ReadSubject(b, m, true);
                case ControlType.Neighbor:
                case ControlType.NeighborReply:
                    m.Flags = b[0];
                    return CheckFlags(m.Flags);
                case ControlType.PingReq:
                    m.ProbeSequence = BinaryPrimitives.ReadUInt32BigEndian(b);
                    m.Subject = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b.Slice(4)));
                    return m.Subject.IsEmpty ? FrameError.MalformedPayload : FrameError.None;
                case ControlType.Graft:
                    m.Topic = BinaryPrimitives.ReadUInt64BigEndian(b);
                    m.Message = new MessageId(new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b.Slice(8))), BinaryPrimitives.ReadUInt64BigEndian(b.Slice(16)));
                    m.Flags = b[24];
                    return m.Message.Origin.IsEmpty ? FrameError.MalformedPayload : CheckFlags(m.Flags);
                case ControlType.Prune:
                    m.Topic = BinaryPrimitives.ReadUInt64BigEndian(b);
                    m.Subject = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b.Slice(8)));
                    return m.Subject.IsEmpty ? FrameError.MalformedPayload : FrameError.None;
                case ControlType.Shuffle:
                    if (b.Length < 10)
                    {
                        return FrameError.Truncated;
                    }

                    m.Subject = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b));
                    m.Ttl = b[8];
                    return m.Subject.IsEmpty ? FrameError.MalformedPayload : ReadNodes(b.Slice(9), m);
                case ControlType.ShuffleReply:
                    return b.Length < 1 ? FrameError.Truncated : ReadNodes(b, m);
                case ControlType.Ping:
                case ControlType.Ack:
                    if (b.Length < 23)
                    {
                        return FrameError.Truncated;
                    }

                    m.ProbeSequence = BinaryPrimitives.ReadUInt32BigEndian(b);
                    m.Flags = b[4];
                    return CheckFlags(m.Flags) != FrameError.None || !ReadTree(b.Slice(5), m) ? FrameError.MalformedPayload : ReadUpdates(b.Slice(22), m);
                case ControlType.TreeAdvert:
                    return ReadTree(b, m) ? FrameError.None : FrameError.MalformedPayload;
                case ControlType.IHave:
                    return b.Length < 1 ? FrameError.Truncated : ReadEntries(b, m);
                case ControlType.Gossip:
                    return ReadGossip(source, start + GossipWire.CommonLength, length - GossipWire.CommonLength, maxPayload, m);
                default:
                    return FrameError.None; // JOIN, JOINACCEPT, DISCONNECT: length already checked
            }
        }

        /// <summary>Exact payload length of fixed-size types, -1 for variable ones, 0 for unknown types.</summary>
        private static int FixedLength(ControlType type)
        {
            const int c = GossipWire.CommonLength;
            switch (type)
            {
                case ControlType.Join:
                case ControlType.JoinAccept:
                case ControlType.Disconnect:
                    return c;
                case ControlType.ForwardJoin:
                case ControlType.Suspect:
                case ControlType.Alive:
                case ControlType.Dead:
                    return c + 13;
                case ControlType.Neighbor:
                case ControlType.NeighborReply:
                    return c + 1;
                case ControlType.PingReq:
                    return c + 12;
                case ControlType.Graft:
                    return c + 25;
                case ControlType.Prune:
                    return c + 16;
                case ControlType.TreeAdvert:
                    return c + 17;
                case ControlType.Shuffle:
                case ControlType.ShuffleReply:
                case ControlType.Ping:
                case ControlType.Ack:
                case ControlType.IHave:
                case ControlType.Gossip:
                    return -1;
                default:
                    return 0;
            }
        }

        private static FrameError ReadSubject(ReadOnlySpan<byte> b, ControlMessage m, bool lastIsFlags)
        {
            m.Subject = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b));
            m.SubjectIncarnation = BinaryPrimitives.ReadUInt32BigEndian(b.Slice(8));
            if (m.Subject.IsEmpty)
            {
                return FrameError.MalformedPayload;
            }

            if (lastIsFlags)
            {
                m.Flags = b[12];
                return CheckFlags(m.Flags);
            }

            m.Ttl = b[12];
            return FrameError.None;
        }

        /// <summary>Reads root, distance and parent; a tree without a root is malformed.</summary>
        private static bool ReadTree(ReadOnlySpan<byte> b, ControlMessage m)
        {
            m.TreeRoot = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b));
            m.TreeDistance = b[8];
            m.TreeParent = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b.Slice(9)));
            return !m.TreeRoot.IsEmpty;
        }

        private static FrameError ReadNodes(ReadOnlySpan<byte> b, ControlMessage m)
        {
            int n = b[0];
            if (n > ControlMessage.MaxNodes)
            {
                return FrameError.MalformedPayload;
            }

            int need = 1 + (n * GossipWire.NodeEntryLength);
            if (b.Length != need)
            {
                return b.Length < need ? FrameError.Truncated : FrameError.LengthMismatch;
            }

            for (int i = 0; i < n; i++)
            {
                var id = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(b.Slice(1 + (i * GossipWire.NodeEntryLength))));
                if (id.IsEmpty)
                {
                    return FrameError.MalformedPayload;
                }

                m.Nodes[i] = id;
            }

            m.NodeCount = n;
            return FrameError.None;
        }

        private static FrameError ReadUpdates(ReadOnlySpan<byte> b, ControlMessage m)
        {
            int n = b[0];
            if (n > ControlMessage.MaxUpdates)
            {
                return FrameError.MalformedPayload;
            }

            int need = 1 + (n * GossipWire.UpdateEntryLength);
            if (b.Length != need)
            {
                return b.Length < need ? FrameError.Truncated : FrameError.LengthMismatch;
            }

            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<byte> e = b.Slice(1 + (i * GossipWire.UpdateEntryLength));
                var state = (MemberState)e[0];
                var subject = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(e.Slice(1)));
                if ((state != MemberState.Alive && state != MemberState.Dead) || subject.IsEmpty)
                {
                    return FrameError.MalformedPayload;
                }

                m.Updates[i] = new MemberUpdate(state, subject, BinaryPrimitives.ReadUInt32BigEndian(e.Slice(9)));
            }

            m.UpdateCount = n;
            return FrameError.None;
        }

        private static FrameError ReadEntries(ReadOnlySpan<byte> b, ControlMessage m)
        {
            int n = b[0];
            if (n < 1 || n > ControlMessage.MaxEntries)
            {
                return FrameError.MalformedPayload;
            }

            int need = 1 + (n * GossipWire.IHaveEntryLength);
            if (b.Length != need)
            {
                return b.Length < need ? FrameError.Truncated : FrameError.LengthMismatch;
            }

            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<byte> e = b.Slice(1 + (i * GossipWire.IHaveEntryLength));
                var origin = new NodeId(BinaryPrimitives.ReadUInt64BigEndian(e.Slice(8)));
                int round = BinaryPrimitives.ReadUInt16BigEndian(e.Slice(24));
                if (origin.IsEmpty || round < 1)
                {
                    return FrameError.MalformedPayload;
                }

                m.Entries[i] = new IHaveEntry(BinaryPrimitives.ReadUInt64BigEndian(e), new MessageId(origin, BinaryPrimitives.ReadUInt64BigEndian(e.Slice(16))), round);
            }

            m.EntryCount = n;
            return FrameError.None;
        }

        private static FrameError ReadGossip(byte[] source, int start, int length, int maxPayload, ControlMessage m)
        {
            if (length < 2 + WireFormat.HeaderLength)
            {
                return FrameError.Truncated;
            }

            m.Round = BinaryPrimitives.ReadUInt16BigEndian(source.AsSpan(start));
            if (m.Round < 1)
            {
                return FrameError.MalformedPayload;
            }

            FrameError inner = FrameCodec.DecodeExact(source, start + 2, length - 2, maxPayload, out m.InnerHeader);
            if (inner != FrameError.None || m.InnerHeader.Kind != FrameKind.Publish || m.InnerHeader.Sender.IsEmpty)
            {
                return FrameError.MalformedPayload;
            }

            m.Inner = source;
            m.InnerOffset = start + 2;
            m.InnerLength = length - 2;
            return FrameError.None;
        }

        private static FrameError CheckFlags(byte flags)
        {
            return (flags & ~ControlFlags.DefinedMask) != 0 ? FrameError.MalformedPayload : FrameError.None;
        }

        private static bool InRange(int value, int min, int max)
        {
            return value >= min && value <= max;
        }
    }
}

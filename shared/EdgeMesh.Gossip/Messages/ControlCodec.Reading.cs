using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Messages
{
    /// <summary>The decoding half of <see cref="ControlCodec"/>: bounds-checked reads that return errors, never throw.</summary>
    public static partial class ControlCodec
    {
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
            FrameError error = ListHeader(b, 0, ControlMessage.MaxNodes, GossipWire.NodeEntryLength, out int n);
            if (error != FrameError.None)
            {
                return error;
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
            FrameError error = ListHeader(b, 0, ControlMessage.MaxUpdates, GossipWire.UpdateEntryLength, out int n);
            if (error != FrameError.None)
            {
                return error;
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
            FrameError error = ListHeader(b, 1, ControlMessage.MaxEntries, GossipWire.IHaveEntryLength, out int n);
            if (error != FrameError.None)
            {
                return error;
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

        /// <summary>Reads a list's count byte and checks it against the bounds and the bytes that follow.</summary>
        private static FrameError ListHeader(ReadOnlySpan<byte> b, int min, int max, int entryLength, out int count)
        {
            count = b[0];
            if (count < min || count > max)
            {
                return FrameError.MalformedPayload;
            }

            int need = 1 + (count * entryLength);
            if (b.Length != need)
            {
                return b.Length < need ? FrameError.Truncated : FrameError.LengthMismatch;
            }

            return FrameError.None;
        }

        private static FrameError CheckFlags(byte flags)
        {
            return (flags & ~ControlFlags.DefinedMask) != 0 ? FrameError.MalformedPayload : FrameError.None;
        }
    }
}

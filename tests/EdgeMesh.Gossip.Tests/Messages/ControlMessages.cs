using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Gossip.Tests.Messages
{
    /// <summary>Generators and helpers for gossip control messages.</summary>
    internal static class ControlMessages
    {
        internal static readonly ControlType[] AllTypes =
        {
            ControlType.Join, ControlType.ForwardJoin, ControlType.JoinAccept, ControlType.Neighbor, ControlType.NeighborReply,
            ControlType.Disconnect, ControlType.Shuffle, ControlType.ShuffleReply, ControlType.Ping, ControlType.Ack,
            ControlType.PingReq, ControlType.Suspect, ControlType.Alive, ControlType.Dead, ControlType.Gossip,
            ControlType.IHave, ControlType.Graft, ControlType.Prune, ControlType.TreeAdvert,
        };

        private static readonly Gen<NodeId> Node = Gen.Choose(1, int.MaxValue).Select(i => new NodeId((ulong)i * 2654435761UL));

        /// <summary>A valid message of any type, with random field values.</summary>
        internal static Gen<ControlMessage> Any()
        {
            return
                from type in Gen.Elements(AllTypes)
                from seed in Gen.Choose(0, int.MaxValue)
                select Build(type, seed);
        }

        /// <summary>A valid message of <paramref name="type"/> derived from <paramref name="seed"/>.</summary>
        internal static ControlMessage Build(ControlType type, int seed)
        {
            var r = new Random(seed);
            var m = new ControlMessage();
            m.Reset(type);
            m.Incarnation = (uint)r.Next();
            NodeId RandomNode() => new NodeId((ulong)r.NextInt64(1, long.MaxValue));
            switch (type)
            {
                case ControlType.ForwardJoin:
                    m.Subject = RandomNode();
                    m.SubjectIncarnation = (uint)r.Next();
                    m.Ttl = (byte)r.Next(256);
                    break;
                case ControlType.Suspect:
                case ControlType.Alive:
                case ControlType.Dead:
                    m.Subject = RandomNode();
                    m.SubjectIncarnation = (uint)r.Next();
                    m.Flags = (byte)r.Next(2);
                    break;
                case ControlType.Neighbor:
                case ControlType.NeighborReply:
                    m.Flags = (byte)r.Next(2);
                    break;
                case ControlType.Shuffle:
                case ControlType.ShuffleReply:
                    m.Subject = type == ControlType.Shuffle ? RandomNode() : default(NodeId);
                    m.Ttl = type == ControlType.Shuffle ? (byte)r.Next(256) : (byte)0;
                    m.NodeCount = r.Next(ControlMessage.MaxNodes + 1);
                    for (int i = 0; i < m.NodeCount; i++)
                    {
                        m.Nodes[i] = RandomNode();
                    }

                    break;
                case ControlType.Ping:
                case ControlType.Ack:
                    m.ProbeSequence = (uint)r.Next();
                    m.Flags = (byte)r.Next(2);
                    m.TreeRoot = RandomNode();
                    m.TreeDistance = (byte)r.Next(256);
                    m.TreeParent = r.Next(4) == 0 ? default(NodeId) : RandomNode();
                    m.UpdateCount = r.Next(ControlMessage.MaxUpdates + 1);
                    for (int i = 0; i < m.UpdateCount; i++)
                    {
                        m.Updates[i] = new MemberUpdate(r.Next(2) == 0 ? MemberState.Alive : MemberState.Dead, RandomNode(), (uint)r.Next());
                    }

                    break;
                case ControlType.TreeAdvert:
                    m.TreeRoot = RandomNode();
                    m.TreeDistance = (byte)r.Next(256);
                    m.TreeParent = RandomNode();
                    break;
                case ControlType.PingReq:
                    m.ProbeSequence = (uint)r.Next();
                    m.Subject = RandomNode();
                    break;
                case ControlType.Gossip:
                    m.Round = r.Next(1, ushort.MaxValue + 1);
                    m.Inner = PublishFrame(RandomNode(), (ulong)r.NextInt64(), (ulong)r.NextInt64(), r.Next(0, 200), r);
                    m.InnerLength = m.Inner.Length;
                    break;
                case ControlType.IHave:
                    m.EntryCount = r.Next(1, ControlMessage.MaxEntries + 1);
                    for (int i = 0; i < m.EntryCount; i++)
                    {
                        m.Entries[i] = new IHaveEntry((ulong)r.NextInt64(), new MessageId(RandomNode(), (ulong)r.NextInt64()), r.Next(1, ushort.MaxValue + 1));
                    }

                    break;
                case ControlType.Graft:
                    m.Topic = (ulong)r.NextInt64();
                    m.Message = new MessageId(RandomNode(), (ulong)r.NextInt64());
                    m.Flags = (byte)r.Next(2);
                    break;
                case ControlType.Prune:
                    m.Topic = (ulong)r.NextInt64();
                    m.Subject = RandomNode();
                    break;
            }

            return m;
        }

        internal static byte[] PublishFrame(NodeId sender, ulong sequence, ulong topic, int payloadLength, Random r, SecurityMode security = SecurityMode.None)
        {
            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = security,
                Priority = Priority.Telemetry,
                Sender = sender,
                Sequence = sequence,
                TimestampMs = 1_700_000_000_000,
                Destination = topic,
                PayloadLength = payloadLength,
            };
            byte[] payload = new byte[payloadLength];
            r.NextBytes(payload);
            byte[] frame = new byte[header.FrameLength];
            FrameCodec.Encode(ref header, payload, 0, payloadLength, frame, 0, frame.Length, out _);
            r.NextBytes(frame.AsSpan(frame.Length - header.TrailerLength)); // stands in for a MAC or signature
            return frame;
        }

        /// <summary>Encodes a message as a frame from <paramref name="sender"/> to <paramref name="to"/>.</summary>
        internal static byte[] Encode(ControlMessage m, NodeId sender, NodeId to)
        {
            byte[] buffer = new byte[4096];
            FrameError error = ControlCodec.Encode(m, sender, 7, 1000, to, Priority.Control, buffer, 0, buffer.Length, out int written);
            Assert.Equal(FrameError.None, error);
            return buffer.AsSpan(0, written).ToArray();
        }
    }
}

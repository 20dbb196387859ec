using System.Linq;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeMesh.Gossip.Tests.Messages
{
    public sealed class ControlCodecTests
    {
        private static readonly NodeId Sender = new NodeId(0x1111);
        private static readonly NodeId Receiver = new NodeId(0x2222);

        [Fact]
        public void Every_message_type_round_trips()
        {
            Prop.ForAll(ControlMessages.Any().ToArbitrary(), m =>
            {
                byte[] frame = ControlMessages.Encode(m, Sender, Receiver);
                var decoded = new ControlMessage();
                FrameError error = ControlCodec.Decode(frame, 0, frame.Length, 4096, decoded, out FrameHeader header);
                return error == FrameError.None
                    && header.Kind == FrameKind.Membership && header.Sender == Sender && header.Destination == Receiver.Value
                    && header.HasFlag(FrameFlags.NoRelay)
                    && SameContent(m, decoded);
            }).QuickCheckThrowOnFailure();
        }

        [Fact]
        public void Gossip_id_is_readable_without_full_decode()
        {
            ControlMessage m = ControlMessages.Build(ControlType.Gossip, 5);
            byte[] frame = ControlMessages.Encode(m, Sender, Receiver);
            Assert.True(ControlCodec.TryReadGossipId(frame, 0, frame.Length, out MessageId id, out ulong topic));
            var decoded = new ControlMessage();
            ControlCodec.Decode(frame, 0, frame.Length, 4096, decoded, out _);
            Assert.Equal(new MessageId(decoded.InnerHeader.Sender, decoded.InnerHeader.Sequence), id);
            Assert.Equal(decoded.InnerHeader.Destination, topic);
            byte[] ping = ControlMessages.Encode(ControlMessages.Build(ControlType.Ping, 5), Sender, Receiver);
            Assert.False(ControlCodec.TryReadGossipId(ping, 0, ping.Length, out _, out _));
        }

        [Theory]
        [InlineData(0, FrameError.MalformedPayload)]      // type 0
        [InlineData(200, FrameError.MalformedPayload)]    // undefined type
        public void Unknown_types_are_rejected(byte type, FrameError expected)
        {
            byte[] frame = ControlMessages.Encode(ControlMessages.Build(ControlType.Join, 1), Sender, Receiver);
            frame[WireFormat.HeaderLength + 1] = type;
            Assert.Equal(expected, ControlCodec.Decode(frame, 0, frame.Length, 4096, new ControlMessage(), out _));
        }

        [Fact]
        public void Bad_layout_versions_flags_counts_and_ids_are_rejected()
        {
            var into = new ControlMessage();
            byte[] join = ControlMessages.Encode(ControlMessages.Build(ControlType.Join, 1), Sender, Receiver);
            join[WireFormat.HeaderLength] = 2;
            Assert.Equal(FrameError.UnsupportedPayloadVersion, ControlCodec.Decode(join, 0, join.Length, 4096, into, out _));

            ControlMessage neighbor = ControlMessages.Build(ControlType.Neighbor, 1);
            byte[] frame = ControlMessages.Encode(neighbor, Sender, Receiver);
            frame[WireFormat.HeaderLength + GossipWire.CommonLength] = 0x80; // reserved flag bit
            Assert.Equal(FrameError.MalformedPayload, ControlCodec.Decode(frame, 0, frame.Length, 4096, into, out _));

            ControlMessage shuffle = ControlMessages.Build(ControlType.ShuffleReply, 3);
            shuffle.NodeCount = 1;
            shuffle.Nodes[0] = new NodeId(9);
            frame = ControlMessages.Encode(shuffle, Sender, Receiver);
            frame[WireFormat.HeaderLength + GossipWire.CommonLength] = 33; // count above the maximum
            Assert.Equal(FrameError.MalformedPayload, ControlCodec.Decode(frame, 0, frame.Length, 4096, into, out _));
            frame[WireFormat.HeaderLength + GossipWire.CommonLength] = 2; // count says 2, one entry present
            Assert.Equal(FrameError.Truncated, ControlCodec.Decode(frame, 0, frame.Length, 4096, into, out _));
            frame[WireFormat.HeaderLength + GossipWire.CommonLength] = 1;
            frame.AsSpan(frame.Length - 8).Clear(); // the all-zero node id is never assigned
            Assert.Equal(FrameError.MalformedPayload, ControlCodec.Decode(frame, 0, frame.Length, 4096, into, out _));
        }

        [Fact]
        public void Wrong_kind_payload_type_and_size_are_rejected()
        {
            var into = new ControlMessage();
            byte[] frame = ControlMessages.Encode(ControlMessages.Build(ControlType.Disconnect, 1), Sender, Receiver);
            byte[] wrongType = (byte[])frame.Clone();
            wrongType[35] ^= 1;
            Assert.Equal(FrameError.WrongPayloadType, ControlCodec.Decode(wrongType, 0, wrongType.Length, 4096, into, out _));
            byte[] publish = ControlMessages.PublishFrame(Sender, 1, 2, 10, new Random(1));
            Assert.Equal(FrameError.WrongPayloadType, ControlCodec.Decode(publish, 0, publish.Length, 4096, into, out _));
            byte[] gossip = ControlMessages.Encode(ControlMessages.Build(ControlType.Gossip, 9), Sender, Receiver);
            Assert.Equal(FrameError.PayloadTooLarge, ControlCodec.Decode(gossip, 0, gossip.Length, gossip.Length - 1, into, out _));
            Assert.Equal(FrameError.Truncated, ControlCodec.Decode(frame, 0, frame.Length - 1, 4096, into, out _));
        }

        [Fact]
        public void A_gossip_frame_must_carry_a_publish_frame()
        {
            ControlMessage m = ControlMessages.Build(ControlType.Gossip, 3);
            m.Inner![2] = (byte)((int)FrameKind.Direct << 4); // inner kind Direct
            byte[] frame = ControlMessages.Encode(m, Sender, Receiver);
            Assert.Equal(FrameError.MalformedPayload, ControlCodec.Decode(frame, 0, frame.Length, 4096, new ControlMessage(), out _));
        }

        [Fact]
        public void Lists_longer_than_allowed_are_not_encoded()
        {
            ControlMessage m = ControlMessages.Build(ControlType.IHave, 1);
            m.EntryCount = 0;
            Assert.Equal(-1, ControlCodec.PayloadLength(m));
            byte[] buffer = new byte[2048];
            Assert.Equal(FrameError.InvalidArgument, ControlCodec.Encode(m, Sender, 1, 1, Receiver, Priority.Control, buffer, 0, buffer.Length, out _));
            ControlMessage ping = ControlMessages.Build(ControlType.Ping, 1);
            Assert.Equal(FrameError.BufferTooSmall, ControlCodec.Encode(ping, Sender, 1, 1, Receiver, Priority.Control, buffer, 0, 40, out _));
        }

        private static bool SameContent(ControlMessage a, ControlMessage b)
        {
            return a.Type == b.Type && a.Incarnation == b.Incarnation && a.Subject == b.Subject
                && a.SubjectIncarnation == b.SubjectIncarnation && a.Ttl == b.Ttl && a.Flags == b.Flags
                && a.ProbeSequence == b.ProbeSequence && a.Topic == b.Topic && a.Message == b.Message && a.Round == b.Round
                && a.TreeRoot == b.TreeRoot && a.TreeDistance == b.TreeDistance && a.TreeParent == b.TreeParent
                && a.NodeCount == b.NodeCount && a.Nodes.Take(a.NodeCount).SequenceEqual(b.Nodes.Take(b.NodeCount))
                && a.EntryCount == b.EntryCount && a.Entries.Take(a.EntryCount).SequenceEqual(b.Entries.Take(b.EntryCount))
                && a.UpdateCount == b.UpdateCount && a.Updates.Take(a.UpdateCount).SequenceEqual(b.Updates.Take(b.UpdateCount))
                && a.InnerLength == b.InnerLength
                && (a.Inner == null || a.Inner.AsSpan(a.InnerOffset, a.InnerLength).SequenceEqual(b.Inner.AsSpan(b.InnerOffset, b.InnerLength)));
        }
    }
}

using System.Linq;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Gossip.Tests.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Tests.Broadcast
{
    /// <summary>Publish frames sealed by a security layer before the node broadcasts them.</summary>
    public sealed class SealedPublishTests
    {
        private static readonly ulong Topic = TopicId.FromName("robots/pose");

        [Fact]
        public void A_sealed_frame_reaches_every_subscriber_byte_for_byte_with_its_trailer()
        {
            var net = new GossipNodeTests.ManualNetwork(3);
            net.Join(1, 0);
            net.Join(2, 1);
            net.Run(3_000);
            net[2].Subscribe(Topic);
            byte[] frame = Sealed(net[0].Self, 42, 100);
            Assert.Equal(FrameError.None, net[0].PublishFrame(frame, 0, frame.Length, net.Now, out MessageId id));
            Assert.Equal(new MessageId(net[0].Self, 42), id);
            net.Run(5_000);
            Delivery delivery = Assert.Single(net.Deliveries[2]);
            Assert.Equal(id, delivery.Id);
            Assert.Equal(frame, delivery.Frame.Take(delivery.FrameLength).ToArray());
            Assert.Empty(net.Deliveries[0]);
        }

        [Fact]
        public void Only_this_nodes_own_new_well_formed_publish_frames_are_taken()
        {
            var node = new GossipNode(new NodeId(1), new GossipOptions(), new SeededRandom(1), new FrameBufferPool(1400, 8), 0, 0);
            byte[] other = Sealed(new NodeId(2), 1, 10);
            Assert.Equal(FrameError.InvalidArgument, node.PublishFrame(other, 0, other.Length, 0, out _));
            byte[] own = Sealed(node.Self, 1, 10);
            Assert.NotEqual(FrameError.None, node.PublishFrame(own, 0, own.Length - 1, 0, out _));
            Assert.Equal(FrameError.InvalidArgument, node.PublishFrame(own, 1, own.Length, 0, out _));
            Assert.Equal(FrameError.None, node.PublishFrame(own, 0, own.Length, 0, out _));
            Assert.Equal(FrameError.InvalidArgument, node.PublishFrame(own, 0, own.Length, 0, out _)); // same id twice
        }

        [Fact]
        public void The_budget_keeps_room_for_the_trailer_of_the_outer_frame()
        {
            var options = new GossipOptions { LinkTrailerLength = WireFormat.SignatureLength };
            var node = new GossipNode(new NodeId(1), options, new SeededRandom(1), new FrameBufferPool(1400, 8), 0, 0);
            int overhead = WireFormat.HeaderLength + GossipWire.CommonLength + 2 + WireFormat.SignatureLength;
            int largest = options.MaxFrameLength - overhead - WireFormat.HeaderLength - WireFormat.SignatureLength;
            byte[] fits = Sealed(node.Self, 1, largest);
            byte[] over = Sealed(node.Self, 2, largest + 1);
            Assert.Equal(FrameError.PayloadTooLarge, node.PublishFrame(over, 0, over.Length, 0, out _));
            Assert.Equal(FrameError.None, node.PublishFrame(fits, 0, fits.Length, 0, out _));

            Assert.Throws<System.ArgumentException>(() => new GossipOptions { LinkTrailerLength = 65 }.Validate());
        }

        private static byte[] Sealed(NodeId sender, ulong sequence, int payloadLength)
        {
            return ControlMessages.PublishFrame(sender, sequence, Topic, payloadLength, new System.Random(7), SecurityMode.Signature);
        }
    }
}

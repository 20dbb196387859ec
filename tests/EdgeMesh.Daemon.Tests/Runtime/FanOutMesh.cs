using EdgeMesh.Gossip;
using System.Collections.Generic;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>
    /// Test double of the mesh protocol seam: sends each published frame once to every contact inside
    /// a Membership frame and delivers what it receives. No relaying, no membership: it exists only to
    /// check the daemon's side of the seam (sealing, routing, verification, delivery).
    /// </summary>
    internal sealed class FanOutMesh : IMeshProtocol
    {
        private readonly NodeId _self;
        private readonly List<NodeId> _contacts = new();
        private readonly Queue<OutboundFrame> _out = new();
        private readonly Queue<MeshDelivery> _deliveries = new();
        private readonly HashSet<ulong> _topics = new();

        internal FanOutMesh(NodeId self)
        {
            _self = self;
        }

        internal int Released { get; private set; }

        public long NextDeadlineMs => long.MaxValue;

        public void Join(NodeId contact, long nowMs)
        {
            _contacts.Add(contact);
        }

        public void Receive(byte[] buffer, int offset, int count, long nowMs)
        {
            Assert.Equal(FrameError.None, FrameCodec.Decode(buffer, offset, count, WireFormat.MaxPayloadLength, out FrameHeader outer));
            byte[] inner = buffer.AsSpan(FrameCodec.PayloadOffset(offset), outer.PayloadLength).ToArray();
            Assert.Equal(FrameError.None, FrameCodec.Decode(inner, 0, inner.Length, WireFormat.MaxPayloadLength, out FrameHeader header));
            if (_topics.Contains(header.Destination))
            {
                _deliveries.Enqueue(new MeshDelivery(header.Destination, inner, inner.Length));
            }
        }

        public void Tick(long nowMs)
        {
        }

        public bool Subscribe(ulong topic)
        {
            return _topics.Add(topic) || true;
        }

        public void Unsubscribe(ulong topic)
        {
            _topics.Remove(topic);
        }

        public FrameError Publish(byte[] frame, int offset, int count, long nowMs)
        {
            foreach (NodeId contact in _contacts)
            {
                var header = new FrameHeader { Kind = FrameKind.Membership, Sender = _self, Destination = contact.Value, PayloadLength = count, TimestampMs = (ulong)nowMs };
                var buffer = new byte[WireFormat.HeaderLength + count];
                Assert.Equal(FrameError.None, FrameCodec.Encode(ref header, frame, offset, count, buffer, 0, buffer.Length, out int written));
                _out.Enqueue(new OutboundFrame(contact, Priority.Telemetry, buffer, written));
            }

            return FrameError.None;
        }

        public bool TryDequeue(out OutboundFrame frame)
        {
            return _out.TryDequeue(out frame);
        }

        public void Release(OutboundFrame frame)
        {
            Released++;
        }

        public bool TryTakeDelivery(out MeshDelivery delivery)
        {
            return _deliveries.TryDequeue(out delivery);
        }

        public MeshPeerState StateOf(NodeId peer)
        {
            return _contacts.Contains(peer) ? MeshPeerState.Active : MeshPeerState.Known;
        }

        public void CopyCounters(List<KeyValuePair<string, long>> destination)
        {
            destination.Add(new KeyValuePair<string, long>("contacts", _contacts.Count));
        }
    }
}

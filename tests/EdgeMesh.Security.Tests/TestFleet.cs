using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Tests
{
    /// <summary>A fleet root, nodes with certificates, and helpers to build signed frames at a fixed time.</summary>
    internal sealed class TestFleet : IDisposable
    {
        internal const long Now = 1_763_700_000_000;
        internal const long Day = 86_400_000;

        internal TestFleet()
        {
            Authority = FleetAuthority.Generate();
        }

        internal FleetAuthority Authority { get; }

        internal NodeKeyPair NewNode()
        {
            return NodeKeyPair.Generate();
        }

        internal byte[] Certify(NodeKeyPair node, long notBefore = Now - Day, long notAfter = Now + Day, FleetRoles roles = FleetRoles.Robot)
        {
            return Authority.IssueCertificate(node.PublicKey, roles, notBefore, notAfter);
        }

        internal PeerAdmission NewAdmission(int capacity = 16)
        {
            return new PeerAdmission(Authority.PublicKey, capacity);
        }

        /// <summary>A signed frame from <paramref name="node"/> with the given payload.</summary>
        internal static byte[] SignedFrame(NodeKeyPair node, ulong sequence, byte[] payload, FrameKind kind = FrameKind.Publish, long timestamp = Now, NodeId? claimedSender = null)
        {
            FrameHeader header = Header(claimedSender ?? node.Id, sequence, kind, SecurityMode.Signature, payload.Length, timestamp);
            byte[] frame = new byte[header.FrameLength];
            Assert.Equal(FrameError.None, FrameCodec.Encode(ref header, payload, 0, payload.Length, frame, 0, frame.Length, out _));
            if (claimedSender == null)
            {
                Assert.Equal(FrameError.None, new FrameSigner(node).Sign(frame, 0, frame.Length));
            }
            else
            {
                // An impostor signs with its own key while claiming another id.
                int signed = frame.Length - WireFormat.SignatureLength;
                node.Keys.Sign(frame.AsSpan(0, signed), frame.AsSpan(signed));
            }

            return frame;
        }

        internal static FrameHeader Header(NodeId sender, ulong sequence, FrameKind kind, SecurityMode security, int payloadLength, long timestamp = Now)
        {
            return new FrameHeader
            {
                Kind = kind,
                Security = security,
                Priority = Priority.Telemetry,
                HopLimit = 4,
                Sender = sender,
                Sequence = sequence,
                TimestampMs = (ulong)timestamp,
                Destination = kind == FrameKind.Publish ? TopicId.FromName("fleet/telemetry") : 0,
                PayloadType = 0,
                PayloadLength = payloadLength,
            };
        }

        internal static byte[] Payload(int length)
        {
            byte[] payload = new byte[length];
            for (int i = 0; i < length; i++)
            {
                payload[i] = (byte)(i * 31 + 7);
            }

            return payload;
        }

        public void Dispose()
        {
            Authority.Dispose();
        }
    }
}

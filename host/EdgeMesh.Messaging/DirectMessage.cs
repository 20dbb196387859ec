using System;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging
{
    /// <summary>A direct message delivered to this node's application (exactly once per request id).</summary>
    public sealed class DirectMessage
    {
        internal DirectMessage(DmRequestId requestId, NodeId sender, ushort contentType, ReadOnlyMemory<byte> payload, long createdAtMs, long expiresAtMs, long receivedAtMs, DmPathKind path)
        {
            RequestId = requestId;
            Sender = sender;
            ContentType = contentType;
            Payload = payload;
            CreatedAtMs = createdAtMs;
            ExpiresAtMs = expiresAtMs;
            ReceivedAtMs = receivedAtMs;
            Path = path;
        }

        /// <summary>The sender's id for this message.</summary>
        public DmRequestId RequestId { get; }

        /// <summary>The authenticated sender.</summary>
        public NodeId Sender { get; }

        /// <summary>The payload type the sender declared (docs/payloads.md registry; 4 = UTF-8 text, 0 = raw).</summary>
        public ushort ContentType { get; }

        /// <summary>The decrypted payload (0..48 KiB).</summary>
        public ReadOnlyMemory<byte> Payload { get; }

        /// <summary>When the sender created it, Unix milliseconds (sender's clock).</summary>
        public long CreatedAtMs { get; }

        /// <summary>When it expires, Unix milliseconds.</summary>
        public long ExpiresAtMs { get; }

        /// <summary>When this node accepted it, Unix milliseconds (this node's clock).</summary>
        public long ReceivedAtMs { get; }

        /// <summary>How its last fragment arrived.</summary>
        public DmPathKind Path { get; }
    }
}

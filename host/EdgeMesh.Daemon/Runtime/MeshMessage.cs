namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>A message delivered to a local subscriber.</summary>
    public sealed class MeshMessage
    {
        /// <summary>Creates a message.</summary>
        public MeshMessage(string topic, string sender, ushort payloadType, byte[] payload, long timestampMs, long receivedMs)
        {
            Topic = topic;
            Sender = sender;
            PayloadType = payloadType;
            Payload = payload;
            TimestampMs = timestampMs;
            ReceivedMs = receivedMs;
        }

        /// <summary>Topic name as the subscriber asked for it.</summary>
        public string Topic { get; }

        /// <summary>Originator's node id (16 hex digits).</summary>
        public string Sender { get; }

        /// <summary>Payload type (docs/payloads.md).</summary>
        public ushort PayloadType { get; }

        /// <summary>The payload bytes.</summary>
        public byte[] Payload { get; }

        /// <summary>The originator's timestamp (Unix ms).</summary>
        public long TimestampMs { get; }

        /// <summary>When this node received it (Unix ms).</summary>
        public long ReceivedMs { get; }
    }
}

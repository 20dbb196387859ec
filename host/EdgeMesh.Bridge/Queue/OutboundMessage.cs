namespace EdgeMesh.Bridge.Queue
{
    /// <summary>A message ready for the broker: the rule that produced it, the broker topic and payload.</summary>
    internal sealed class OutboundMessage
    {
        internal OutboundMessage(ulong sequence, string rule, string topic, int qos, byte[] payload, ulong messageId)
        {
            Sequence = sequence;
            Rule = rule;
            Topic = topic;
            Qos = qos;
            Payload = payload;
            MessageId = messageId;
        }

        /// <summary>Queue order (also the file name); 0 for QoS 0 messages, which are not persisted.</summary>
        internal ulong Sequence { get; set; }

        internal string Rule { get; }

        internal string Topic { get; }

        internal int Qos { get; }

        internal byte[] Payload { get; }

        /// <summary>Fingerprint of topic and payload (the loop marker's message id).</summary>
        internal ulong MessageId { get; }
    }
}

using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Storage
{
    /// <summary>One outbox entry as stored: the sealed, signed envelope and the priority to send it with.</summary>
    public readonly struct DmStoredEnvelope
    {
        /// <summary>Pairs an envelope with its priority.</summary>
        public DmStoredEnvelope(byte[] envelope, Priority priority)
        {
            Envelope = envelope;
            Priority = priority;
        }

        /// <summary>The envelope bytes exactly as first sent.</summary>
        public byte[] Envelope { get; }

        /// <summary>Frame priority of the message.</summary>
        public Priority Priority { get; }
    }
}

using System;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Delivery
{
    /// <summary>
    /// One unacknowledged message in the sender's in-flight registry (and outbox). It alternates
    /// between waiting for an acknowledgement (until the attempt times out) and backing off (until the
    /// next attempt); <see cref="DueMs"/> is when the current phase ends.
    /// </summary>
    internal sealed class OutgoingMessage
    {
        /// <summary>
        /// Tracks a sealed envelope. A message to another node keeps only its fragment packets (which
        /// hold every envelope byte once); a message to this node keeps the envelope for loopback.
        /// </summary>
        internal OutgoingMessage(DmRequestId id, NodeId recipient, long expiresMs, Priority priority, byte[] envelope, ReadOnlyMemory<byte>[]? fragments)
        {
            Id = id;
            Recipient = recipient;
            ExpiresMs = expiresMs;
            Priority = priority;
            EnvelopeLength = envelope.Length;
            Envelope = fragments == null ? envelope : null;
            Fragments = fragments;
        }

        internal DmRequestId Id { get; }

        internal NodeId Recipient { get; }

        internal long ExpiresMs { get; }

        internal Priority Priority { get; }

        /// <summary>Bytes of the sealed envelope (what the outbox limit counts).</summary>
        internal int EnvelopeLength { get; }

        /// <summary>The envelope, for loopback messages only.</summary>
        internal byte[]? Envelope { get; }

        /// <summary>Fragment packets of the envelope exactly as stored; every attempt sends these same bytes.</summary>
        internal ReadOnlyMemory<byte>[]? Fragments { get; }

        internal int Attempts { get; set; }

        /// <summary>Path of the latest attempt.</summary>
        internal DmPath LastPath { get; set; }

        /// <summary>True while an attempt waits for its acknowledgement; false while backing off.</summary>
        internal bool AwaitingAck { get; set; }

        /// <summary>A route to the recipient appeared: the next <see cref="DirectMessenger.Tick"/> starts an attempt at once.</summary>
        internal bool Expedite { get; set; }

        /// <summary>When the current attempt times out, or when the next attempt starts.</summary>
        internal long DueMs { get; set; }
    }
}

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
        internal OutgoingMessage(DmRequestId id, NodeId recipient, long createdMs, long expiresMs, Priority priority, byte[] envelope)
        {
            Id = id;
            Recipient = recipient;
            CreatedMs = createdMs;
            ExpiresMs = expiresMs;
            Priority = priority;
            Envelope = envelope;
        }

        internal DmRequestId Id { get; }

        internal NodeId Recipient { get; }

        internal long CreatedMs { get; }

        internal long ExpiresMs { get; }

        internal Priority Priority { get; }

        /// <summary>The sealed, signed envelope exactly as stored in the outbox; every attempt sends these bytes.</summary>
        internal byte[] Envelope { get; }

        /// <summary>Fragment packets, built on the first attempt over the network and reused by retries.</summary>
        internal ReadOnlyMemory<byte>[]? Fragments { get; set; }

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

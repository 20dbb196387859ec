namespace EdgeMesh.Messaging
{
    /// <summary>Events a <see cref="DirectMessenger"/> counts (refusals are counted separately by <see cref="DmRefusal"/>).</summary>
    public enum DmCounter : byte
    {
        /// <summary>Sends accepted into the outbox.</summary>
        Queued = 0,

        /// <summary>Attempts started (first tries and retries).</summary>
        Attempts = 1,

        /// <summary>Attempts after the first.</summary>
        Retries = 2,

        /// <summary>Fragment packets queued for the transport (including those that first wait for pacing).</summary>
        FragmentsSent = 3,

        /// <summary>Acceptances sent (including repeats for retried messages).</summary>
        AcksSent = 4,

        /// <summary>Rejections sent (including repeats).</summary>
        RejectionsSent = 5,

        /// <summary>Messages delivered to this node's application.</summary>
        Delivered = 6,

        /// <summary>Receipts: accepted.</summary>
        ReceiptsAccepted = 7,

        /// <summary>Receipts: rejected.</summary>
        ReceiptsRejected = 8,

        /// <summary>Receipts: timed out (outbox entry freed).</summary>
        ReceiptsTimedOut = 9,

        /// <summary>Attempts over a route that timed out; the route was dropped and the next attempt falls back to the inbox topic.</summary>
        RouteFailures = 10,

        /// <summary>Attempts started without backoff because a route to the recipient appeared.</summary>
        Expedited = 11,

        /// <summary>Outbox entries resumed at start.</summary>
        Restored = 12,

        /// <summary>Stored entries not resumed: unreadable, or sealed by another identity (removed from the store).</summary>
        RestoreDiscarded = 13,

        /// <summary>Packets dropped because the transmit queue was full (a retry resends them).</summary>
        TransmitQueueDrops = 14,

        /// <summary>Receipts dropped (oldest first) because the application did not take them.</summary>
        ReceiptQueueDrops = 15,

        /// <summary>Partial messages evicted to make room for others.</summary>
        ReassemblyEvictions = 16,

        /// <summary>Partial messages dropped after waiting too long for a fragment.</summary>
        ReassemblyTimeouts = 17,

        /// <summary>Fragments that arrived again (retries, gossip copies) and were ignored.</summary>
        FragmentDuplicates = 18,

        /// <summary>Dedupe entries evicted before their message expired (the cache was full).</summary>
        DedupeEvictions = 19,

        /// <summary>Signed acknowledgements and rejections received for messages in flight.</summary>
        AcksReceived = 20,

        /// <summary>Messages not accepted because the inbox store could not persist them (no acknowledgement: the sender retries).</summary>
        InboxSaveFailures = 21,

        /// <summary>Accepted, untaken messages reloaded from the inbox store at start.</summary>
        InboxRestored = 22,

        /// <summary>Fragments that waited for pacing budget instead of leaving at once (<see cref="DmOptions.FragmentsPerSecond"/>).</summary>
        FragmentsPaced = 23,

        /// <summary>Messages handed out with a lease whose reader never confirmed them in time; they went back to the inbox.</summary>
        LeasesExpired = 24,
    }
}

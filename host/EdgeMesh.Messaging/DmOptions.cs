using System;

namespace EdgeMesh.Messaging
{
    /// <summary>
    /// Timing and bounds of a <see cref="DirectMessenger"/> (docs/direct-messages.md §7). Every queue,
    /// cache and table is bounded by one of these; the defaults suit a host daemon.
    /// </summary>
    public sealed class DmOptions
    {
        /// <summary>How long one attempt waits for the acknowledgement. Default 10 s.</summary>
        public long AttemptTimeoutMs { get; init; } = 10_000;

        /// <summary>Pause after the first timed-out attempt; doubles after each further one. Default 1 s.</summary>
        public long BackoffBaseMs { get; init; } = 1_000;

        /// <summary>Longest pause between attempts. Default 30 s.</summary>
        public long BackoffMaxMs { get; init; } = 30_000;

        /// <summary>Most attempts per message; after the last one times out the send times out. Default 32 (expiry usually comes first).</summary>
        public int MaxAttempts { get; init; } = 32;

        /// <summary>Lifetime of a message when the sender names none. Default 120 s.</summary>
        public long DefaultLifetimeMs { get; init; } = 120_000;

        /// <summary>Longest lifetime a sender may ask for (at most <see cref="DmLimits.MaxLifetimeMs"/>). Default 600 s.</summary>
        public long MaxLifetimeMs { get; init; } = DmLimits.MaxLifetimeMs;

        /// <summary>How far in the future a received envelope's creation time may lie. Default 30 s.</summary>
        public long MaxClockSkewMs { get; init; } = 30_000;

        /// <summary>Envelope bytes per fragment (64..60,000). Default 1024: a signed frame stays under 1,200 bytes.</summary>
        public int FragmentChunkBytes { get; init; } = 1024;

        /// <summary>Most unacknowledged messages held (the outbox). Default 256.</summary>
        public int OutboxCapacity { get; init; } = 256;

        /// <summary>Most envelope bytes held in the outbox. Default 4 MiB.</summary>
        public long OutboxMaxBytes { get; init; } = 4L << 20;

        /// <summary>Most delivered messages waiting for the application. Default 1024.</summary>
        public int InboxCapacity { get; init; } = 1024;

        /// <summary>Most payload bytes waiting for the application. Default 8 MiB.</summary>
        public long InboxMaxBytes { get; init; } = 8L << 20;

        /// <summary>Most (sender, request id) outcomes remembered for dedupe; each is kept until its message expires. Default 10,000.</summary>
        public int DedupeCapacity { get; init; } = 10_000;

        /// <summary>Most messages being reassembled at once. Default 32.</summary>
        public int ReassemblySlots { get; init; } = 32;

        /// <summary>Most bytes held by reassembly (at least one largest envelope). Default 2 MiB.</summary>
        public long ReassemblyMaxBytes { get; init; } = 2L << 20;

        /// <summary>How long a partial message waits for its next fragment (spans retries, so longer than an attempt). Default 60 s.</summary>
        public long ReassemblyTimeoutMs { get; init; } = 60_000;

        /// <summary>Most destinations in the route table. Default 1024.</summary>
        public int RouteCapacity { get; init; } = 1024;

        /// <summary>How long a route lives without news. Default 60 s.</summary>
        public long RouteLifetimeMs { get; init; } = 60_000;

        /// <summary>Most packets waiting to be dequeued by the transport, including fragments waiting for pacing. Default 8192.</summary>
        public int TransmitQueueCapacity { get; init; } = 8192;

        /// <summary>
        /// Fragments that may leave at once after a quiet spell (the pacing bucket's size); more wait
        /// for <see cref="FragmentsPerSecond"/> to refill it, so a burst of large messages does not
        /// overrun socket buffers. Acknowledgements are not paced. Default 64.
        /// </summary>
        public int FragmentBurst { get; init; } = 64;

        /// <summary>Fragments sent per second, sustained, once the burst is spent (refilled by the injected time). Default 4,000.</summary>
        public int FragmentsPerSecond { get; init; } = 4_000;

        /// <summary>Most receipts waiting to be taken by the application. Default 1024.</summary>
        public int ReceiptQueueCapacity { get; init; } = 1024;

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
        public void Validate()
        {
            Check(AttemptTimeoutMs, 1, DmLimits.MaxLifetimeMs, nameof(AttemptTimeoutMs));
            Check(BackoffBaseMs, 0, DmLimits.MaxLifetimeMs, nameof(BackoffBaseMs));
            Check(BackoffMaxMs, BackoffBaseMs, DmLimits.MaxLifetimeMs, nameof(BackoffMaxMs));
            Check(MaxAttempts, 1, 1000, nameof(MaxAttempts));
            Check(MaxLifetimeMs, 1, DmLimits.MaxLifetimeMs, nameof(MaxLifetimeMs));
            Check(DefaultLifetimeMs, 1, MaxLifetimeMs, nameof(DefaultLifetimeMs));
            Check(MaxClockSkewMs, 0, DmLimits.MaxLifetimeMs, nameof(MaxClockSkewMs));
            Check(FragmentChunkBytes, DmLimits.MinFragmentChunk, DmLimits.MaxFragmentChunk, nameof(FragmentChunkBytes));
            Check(OutboxCapacity, 1, 1_000_000, nameof(OutboxCapacity));
            Check(OutboxMaxBytes, Wire.EnvelopeHeader.MaxLength, 1L << 40, nameof(OutboxMaxBytes));
            Check(InboxCapacity, 1, 1_000_000, nameof(InboxCapacity));
            Check(InboxMaxBytes, DmLimits.MaxPayloadBytes, 1L << 40, nameof(InboxMaxBytes));
            Check(DedupeCapacity, 1, 10_000_000, nameof(DedupeCapacity));
            Check(ReassemblySlots, 1, 100_000, nameof(ReassemblySlots));
            Check(ReassemblyMaxBytes, Wire.EnvelopeHeader.MaxLength, 1L << 40, nameof(ReassemblyMaxBytes));
            Check(ReassemblyTimeoutMs, 1, DmLimits.MaxLifetimeMs, nameof(ReassemblyTimeoutMs));
            Check(RouteCapacity, 1, 1_000_000, nameof(RouteCapacity));
            Check(RouteLifetimeMs, 1, 86_400_000, nameof(RouteLifetimeMs));
            Check(TransmitQueueCapacity, 1, 10_000_000, nameof(TransmitQueueCapacity));
            Check(ReceiptQueueCapacity, 1, 10_000_000, nameof(ReceiptQueueCapacity));
            Check(FragmentBurst, 1, 1_000_000, nameof(FragmentBurst));
            Check(FragmentsPerSecond, 1, 100_000_000, nameof(FragmentsPerSecond));
        }

        private static void Check(long value, long min, long max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentOutOfRangeException(name, value, name + " must be between " + min + " and " + max);
            }
        }
    }
}

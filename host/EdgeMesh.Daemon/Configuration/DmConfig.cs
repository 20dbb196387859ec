using System.Collections.Generic;
using EdgeMesh.Messaging;

namespace EdgeMesh.Daemon.Configuration
{
    /// <summary>Direct messages (the <c>dm</c> object; docs/configuration.md, docs/direct-messages.md).</summary>
    public sealed class DmConfig
    {
        /// <summary>Directory of the persisted outbox, relative to the node directory (default "dm-outbox").</summary>
        public string OutboxDirectory { get; set; } = "dm-outbox";

        /// <summary>Directory of the persisted inbox (received, acknowledged messages not yet taken), relative to the node directory (default "dm-inbox").</summary>
        public string InboxDirectory { get; set; } = "dm-inbox";

        /// <summary>Flush every accepted message to the device before the send is acknowledged (default true); false survives a crash of the process, not a power cut.</summary>
        public bool FlushToDisk { get; set; } = true;

        /// <summary>Unacknowledged messages held; a full outbox refuses new sends (default 256).</summary>
        public int OutboxCapacity { get; set; } = 256;

        /// <summary>Envelope bytes held in the outbox (default 4194304).</summary>
        public int OutboxMaxBytes { get; set; } = 4 << 20;

        /// <summary>Lifetime of a message when the sender names none, in seconds (default 120, at most 600).</summary>
        public int DefaultLifetimeSeconds { get; set; } = 120;

        /// <summary>How long one attempt waits for the acknowledgement, in milliseconds (default 10000).</summary>
        public int AttemptTimeoutMs { get; set; } = 10_000;

        /// <summary>Pause after the first timed-out attempt, doubling after each further one, in milliseconds (default 1000).</summary>
        public int BackoffBaseMs { get; set; } = 1_000;

        /// <summary>Longest pause between attempts, in milliseconds (default 30000).</summary>
        public int BackoffMaxMs { get; set; } = 30_000;

        /// <summary>Received messages kept until an application takes them; a full inbox is not acknowledged, so senders retry (default 1024).</summary>
        public int InboxCapacity { get; set; } = 1024;

        /// <summary>Fragments that may leave at once before pacing applies (default 64; docs/direct-messages.md §7.4).</summary>
        public int FragmentBurst { get; set; } = 64;

        /// <summary>Fragments sent per second once the burst is spent (default 4000).</summary>
        public int FragmentsPerSecond { get; set; } = 4_000;

        /// <summary>Senders (node ids) whose messages are accepted; null or empty accepts every fleet member (default null).</summary>
        public List<string>? AllowFrom { get; set; }

        /// <summary>The messenger's options for a node whose frames carry at most <paramref name="maxFramePayload"/> payload bytes.</summary>
        internal DmOptions ToOptions(int maxFramePayload)
        {
            return new DmOptions
            {
                OutboxCapacity = OutboxCapacity,
                OutboxMaxBytes = OutboxMaxBytes,
                DefaultLifetimeMs = DefaultLifetimeSeconds * 1000L,
                AttemptTimeoutMs = AttemptTimeoutMs,
                BackoffBaseMs = BackoffBaseMs,
                BackoffMaxMs = BackoffMaxMs,
                InboxCapacity = InboxCapacity,
                FragmentBurst = FragmentBurst,
                FragmentsPerSecond = FragmentsPerSecond,
                FragmentChunkBytes = System.Math.Clamp(maxFramePayload - FragmentOverhead, DmLimits.MinFragmentChunk, DmLimits.MaxFragmentChunk),
            };
        }

        /// <summary>Bytes a fragment packet adds to its share of the envelope (docs/direct-messages.md §3.3).</summary>
        internal const int FragmentOverhead = 40;

        /// <summary>Adds every problem with the values to <paramref name="problems"/>, each naming its field.</summary>
        internal void Validate(List<string> problems)
        {
            if (string.IsNullOrWhiteSpace(OutboxDirectory))
            {
                problems.Add("dm.outboxDirectory: must name a directory");
            }

            if (string.IsNullOrWhiteSpace(InboxDirectory))
            {
                problems.Add("dm.inboxDirectory: must name a directory");
            }

            Check(problems, "dm.outboxCapacity", OutboxCapacity, 1, 1_000_000);
            Check(problems, "dm.outboxMaxBytes", OutboxMaxBytes, 49_327, int.MaxValue);
            Check(problems, "dm.defaultLifetimeSeconds", DefaultLifetimeSeconds, 1, (int)(DmLimits.MaxLifetimeMs / 1000));
            Check(problems, "dm.attemptTimeoutMs", AttemptTimeoutMs, 1, (int)DmLimits.MaxLifetimeMs);
            Check(problems, "dm.backoffBaseMs", BackoffBaseMs, 0, (int)DmLimits.MaxLifetimeMs);
            Check(problems, "dm.backoffMaxMs", BackoffMaxMs, BackoffBaseMs, (int)DmLimits.MaxLifetimeMs);
            Check(problems, "dm.inboxCapacity", InboxCapacity, 1, 1_000_000);
            Check(problems, "dm.fragmentBurst", FragmentBurst, 1, 1_000_000);
            Check(problems, "dm.fragmentsPerSecond", FragmentsPerSecond, 1, 100_000_000);
            foreach (string sender in AllowFrom ?? new List<string>())
            {
                if (!EdgeMesh.Security.Identity.NodeIds.TryParse(sender, out _))
                {
                    problems.Add("dm.allowFrom: '" + sender + "' is not a node id (16 or 64 hex digits)");
                }
            }
        }

        private static void Check(List<string> problems, string field, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                problems.Add(field + ": " + value + " is outside " + min + ".." + max);
            }
        }
    }
}

using System;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip
{
    /// <summary>
    /// Every parameter of the gossip layer with its default (docs/gossip.md §2 lists them with the
    /// reasoning). Membership defaults follow the HyParView paper; failure-detection defaults follow
    /// memberlist's LAN profile. Times are milliseconds of the injected clock.
    /// </summary>
    public sealed class GossipOptions
    {
        /// <summary>Largest active view (HyParView; paper default 5).</summary>
        public int ActiveViewSize { get; set; } = 5;

        /// <summary>Largest passive view (HyParView; paper default 30).</summary>
        public int PassiveViewSize { get; set; } = 30;

        /// <summary>Active random walk length: hops a FORWARDJOIN or SHUFFLE travels (paper default 6).</summary>
        public int ActiveRandomWalkLength { get; set; } = 6;

        /// <summary>Passive random walk length: the hop at which a FORWARDJOIN also lands in a passive view (paper default 3).</summary>
        public int PassiveRandomWalkLength { get; set; } = 3;

        /// <summary>Active-view members a SHUFFLE carries.</summary>
        public int ShuffleActiveCount { get; set; } = 3;

        /// <summary>Passive-view members a SHUFFLE carries.</summary>
        public int ShufflePassiveCount { get; set; } = 4;

        /// <summary>Period of the passive-view SHUFFLE.</summary>
        public long ShuffleIntervalMs { get; set; } = 10_000;

        /// <summary>Period at which a node whose active view is not full asks a passive member to become a neighbour.</summary>
        public long RepairIntervalMs { get; set; } = 1_000;

        /// <summary>How long a NEIGHBOR request may stay unanswered before another passive member is asked.</summary>
        public long NeighborTimeoutMs { get; set; } = 1_000;

        /// <summary>Period of JOIN retries while the join is unconfirmed, or while the passive view is empty and the active view not full.</summary>
        public long JoinRetryIntervalMs { get; set; } = 3_000;

        /// <summary>SWIM probe period: one active neighbour (or suspect) is probed per period.</summary>
        public long ProbeIntervalMs { get; set; } = 1_000;

        /// <summary>Time to wait for a direct ACK before asking for indirect probes.</summary>
        public long ProbeTimeoutMs { get; set; } = 500;

        /// <summary>Peers asked to probe indirectly (PING-REQ) after a missed ACK.</summary>
        public int IndirectProbes { get; set; } = 3;

        /// <summary>Suspicion timeout is this × max(1, log10 N) × <see cref="ProbeIntervalMs"/> (memberlist uses 4).</summary>
        public int SuspicionMultiplier { get; set; } = 4;

        /// <summary>Estimated fleet size N used for the suspicion timeout and retransmit limits.</summary>
        public int FleetSizeHint { get; set; } = 100;

        /// <summary>Largest number of nodes under suspicion at once.</summary>
        public int MaxSuspects { get; set; } = 64;

        /// <summary>Largest number of remembered dead nodes (tombstones).</summary>
        public int TombstoneCapacity { get; set; } = 256;

        /// <summary>How long a tombstone keeps a dead node out of the views.</summary>
        public long TombstoneTtlMs { get; set; } = 120_000;

        /// <summary>Period of reconnect probes to a random tombstoned node (how split halves find each other again).</summary>
        public long ReconnectIntervalMs { get; set; } = 5_000;

        /// <summary>
        /// Period of probes to a passive member (round-robin): an unanswered one starts a suspicion (dead
        /// entries leave the passive views), an answer naming another overlay-tree root reveals a
        /// split overlay and the member is invited as a neighbour.
        /// </summary>
        public long PassiveProbeIntervalMs { get; set; } = 2_000;

        /// <summary>Shortest interval between two "you are considered dead" notices to the same node.</summary>
        public long DeadNoticeIntervalMs { get; set; } = 1_000;

        /// <summary>Largest number of PING-REQ probes a node relays at once.</summary>
        public int RelayedProbeCapacity { get; set; } = 32;

        /// <summary>Membership updates piggybacked on one PING or ACK (at most 8).</summary>
        public int MaxPiggybackUpdates { get; set; } = 4;

        /// <summary>Largest number of membership updates waiting to be piggybacked.</summary>
        public int UpdateQueueCapacity { get; set; } = 256;

        /// <summary>Each update is piggybacked this × ceil(log10(N + 1)) times.</summary>
        public int RetransmitMultiplier { get; set; } = 4;

        /// <summary>Largest number of remembered flooded membership updates (duplicate suppression).</summary>
        public int FloodDedupCapacity { get; set; } = 4_096;

        /// <summary>Time a node waits after an IHAVE for the eager copy before it sends GRAFT.</summary>
        public long IHaveTimeoutMs { get; set; } = 400;

        /// <summary>Largest random extra delay added to <see cref="IHaveTimeoutMs"/> per missing message.</summary>
        public long IHaveTimeoutJitterMs { get; set; } = 400;

        /// <summary>Time between further GRAFTs for a message still missing.</summary>
        public long GraftRetryTimeoutMs { get; set; } = 200;

        /// <summary>GRAFTs sent for one missing message before giving up.</summary>
        public int MaxGraftAttempts { get; set; } = 8;

        /// <summary>Batching delay of lazy IHAVE announcements.</summary>
        public long LazyPushIntervalMs { get; set; } = 25;

        /// <summary>
        /// Period of the anti-entropy digest: an IHAVE of the messages received within
        /// <see cref="AntiEntropyWindowMs"/> (at most <see cref="MaxIHaveEntries"/>) to one random
        /// neighbour, which GRAFTs what it lacks. Catches misses that lazy push cannot (a region
        /// whose links all changed while a message went by). 0 turns it off.
        /// </summary>
        public long AntiEntropyIntervalMs { get; set; } = 3_000;

        /// <summary>Age of the newest messages the anti-entropy digest lists.</summary>
        public long AntiEntropyWindowMs { get; set; } = 10_000;

        /// <summary>A new neighbour is sent IHAVE for messages received this recently (0 turns recovery off).</summary>
        public long RecoveryWindowMs { get; set; } = 30_000;

        /// <summary>Largest number of recent messages announced to a new neighbour.</summary>
        public int MaxRecoveryAnnouncements { get; set; } = 128;

        /// <summary>Largest number of IHAVE entries queued for one peer.</summary>
        public int LazyQueueCapacity { get; set; } = 256;

        /// <summary>Largest number of entries in one IHAVE message (at most 32).</summary>
        public int MaxIHaveEntries { get; set; } = 32;

        /// <summary>Largest number of remembered message ids (duplicate suppression).</summary>
        public int SeenCapacity { get; set; } = 8_192;

        /// <summary>Largest number of messages whose bytes are kept to answer GRAFTs.</summary>
        public int MessageCacheCapacity { get; set; } = 1_024;

        /// <summary>Largest number of messages waiting for a GRAFT timer.</summary>
        public int MissingCapacity { get; set; } = 1_024;

        /// <summary>Largest number of announcers remembered per missing message.</summary>
        public int MaxAnnouncers { get; set; } = 8;

        /// <summary>Largest number of topics with a PlumTree (subscribed or relayed).</summary>
        public int MaxTopics { get; set; } = 64;

        /// <summary>Largest number of per-root trees per topic (publishers tracked separately).</summary>
        public int MaxRootsPerTopic { get; set; } = 32;

        /// <summary>Largest overlay-tree depth; longer distances are treated as a routing loop and dropped.</summary>
        public int MaxTreeDepth { get; set; } = 32;

        /// <summary>
        /// PlumTree optimisation: when an IHAVE shows a path at least this many rounds shorter than
        /// the eager one, the lazy link replaces the eager one. 0 turns it off.
        /// </summary>
        public int TreeOptimizationThreshold { get; set; }

        /// <summary>Rounds after which a broadcast is no longer relayed (guards against loops).</summary>
        public int MaxRounds { get; set; } = 255;

        /// <summary>Frames (all priorities together) one peer's send queue holds.</summary>
        public int SendQueueCapacity { get; set; } = 128;

        /// <summary>Largest number of peers with frames waiting at once.</summary>
        public int MaxQueuedPeers { get; set; } = 256;

        /// <summary>Largest number of deliveries waiting for the application.</summary>
        public int DeliveryQueueCapacity { get; set; } = 1_024;

        /// <summary>Largest frame the node sends or accepts, in bytes (a UDP-safe budget by default).</summary>
        public int MaxFrameLength { get; set; } = 1_400;

        /// <summary>
        /// Bytes a security layer appends to every frame after the node encodes it (a MAC or signature
        /// trailer, 0 to 64). The node keeps its own frames that much under <see cref="MaxFrameLength"/>,
        /// so the sealed frame still fits.
        /// </summary>
        public int LinkTrailerLength { get; set; }

        /// <summary>Suspicion timeout: <see cref="SuspicionMultiplier"/> × max(1, log10 N) × <see cref="ProbeIntervalMs"/>.</summary>
        public long SuspicionTimeoutMs
        {
            get { return (long)(SuspicionMultiplier * Math.Max(1.0, Math.Log10(Math.Max(1, FleetSizeHint))) * ProbeIntervalMs); }
        }

        /// <summary>Times each membership update is piggybacked.</summary>
        public int RetransmitLimit
        {
            get { return RetransmitMultiplier * (int)Math.Ceiling(Math.Log10(Math.Max(1, FleetSizeHint) + 1.0)); }
        }

        /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
        public void Validate()
        {
            Require(ActiveViewSize >= 1 && ActiveViewSize <= 64, nameof(ActiveViewSize));
            Require(PassiveViewSize >= 1 && PassiveViewSize <= 1024, nameof(PassiveViewSize));
            Require(ActiveRandomWalkLength >= 1 && ActiveRandomWalkLength <= 32, nameof(ActiveRandomWalkLength));
            Require(PassiveRandomWalkLength >= 0 && PassiveRandomWalkLength <= ActiveRandomWalkLength, nameof(PassiveRandomWalkLength));
            Require(ShuffleActiveCount >= 0 && ShufflePassiveCount >= 0, nameof(ShuffleActiveCount));
            Require(1 + ShuffleActiveCount + ShufflePassiveCount <= ControlMessage.MaxNodes, nameof(ShufflePassiveCount));
            Require(ShuffleIntervalMs > 0 && RepairIntervalMs > 0 && NeighborTimeoutMs > 0 && JoinRetryIntervalMs > 0, nameof(ShuffleIntervalMs));
            Require(ProbeIntervalMs > 0 && ProbeTimeoutMs > 0 && ProbeTimeoutMs < ProbeIntervalMs, nameof(ProbeTimeoutMs));
            Require(IndirectProbes >= 0 && SuspicionMultiplier >= 1 && FleetSizeHint >= 1, nameof(SuspicionMultiplier));
            Require(MaxSuspects >= 1 && TombstoneCapacity >= 1 && TombstoneTtlMs > 0, nameof(TombstoneCapacity));
            Require(ReconnectIntervalMs > 0 && PassiveProbeIntervalMs > 0 && DeadNoticeIntervalMs >= 0 && RelayedProbeCapacity >= 1, nameof(ReconnectIntervalMs));
            Require(MaxPiggybackUpdates >= 0 && MaxPiggybackUpdates <= ControlMessage.MaxUpdates, nameof(MaxPiggybackUpdates));
            Require(UpdateQueueCapacity >= 1 && RetransmitMultiplier >= 1 && FloodDedupCapacity >= 1, nameof(UpdateQueueCapacity));
            Require(IHaveTimeoutMs > 0 && IHaveTimeoutJitterMs >= 0 && IHaveTimeoutJitterMs <= int.MaxValue && GraftRetryTimeoutMs > 0 && MaxGraftAttempts >= 1 && LazyPushIntervalMs >= 0, nameof(IHaveTimeoutMs));
            Require(AntiEntropyIntervalMs >= 0 && AntiEntropyWindowMs >= 0 && RecoveryWindowMs >= 0 && MaxRecoveryAnnouncements >= 0 && LazyQueueCapacity >= 1 && MaxIHaveEntries >= 1 && MaxIHaveEntries <= ControlMessage.MaxEntries, nameof(MaxIHaveEntries));
            Require(SeenCapacity >= 1 && MessageCacheCapacity >= 1 && MessageCacheCapacity <= SeenCapacity, nameof(MessageCacheCapacity));
            Require(MissingCapacity >= 1 && MaxAnnouncers >= 1 && MaxTopics >= 1 && MaxRootsPerTopic >= 1, nameof(MissingCapacity));
            Require(TreeOptimizationThreshold >= 0 && MaxTreeDepth >= 2 && MaxTreeDepth <= 255 && MaxRounds >= 1 && MaxRounds <= ushort.MaxValue, nameof(MaxRounds));
            Require(SendQueueCapacity >= 1 && MaxQueuedPeers >= 1 && DeliveryQueueCapacity >= 1, nameof(SendQueueCapacity));
            int largestControl = Math.Max(
                WireFormat.HeaderLength + GossipWire.CommonLength + 1 + (MaxIHaveEntries * GossipWire.IHaveEntryLength),
                WireFormat.HeaderLength + GossipWire.CommonLength + 10 + (ControlMessage.MaxNodes * GossipWire.NodeEntryLength));
            Require(MaxFrameLength >= largestControl && MaxFrameLength <= 65_535 + WireFormat.HeaderLength, nameof(MaxFrameLength));
            Require(LinkTrailerLength >= 0 && LinkTrailerLength <= WireFormat.SignatureLength && MaxFrameLength - LinkTrailerLength >= largestControl, nameof(LinkTrailerLength));
        }

        private static void Require(bool condition, string name)
        {
            if (!condition)
            {
                throw new ArgumentException(string.Concat("Gossip option out of range: ", name), name);
            }
        }
    }
}

using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip
{
    /// <summary>
    /// What a node did and, above all, what it dropped or evicted: every bounded structure in the
    /// gossip layer counts here. Values only grow; readers take differences.
    /// </summary>
    public sealed class GossipCounters
    {
        private readonly long[] decodeErrors = new long[WireFormat.FrameErrorCount];
        private readonly long[] sendQueueDrops = new long[4];

        /// <summary>Frames handed to the node by the driver.</summary>
        public long FramesReceived { get; internal set; }

        /// <summary>Frames the node queued for sending.</summary>
        public long FramesQueued { get; internal set; }

        /// <summary>Received frames rejected by the decoder (sum of <see cref="DecodeErrors"/>).</summary>
        public long FramesRejected { get; internal set; }

        /// <summary>Received frames addressed to another node or sent by this node itself.</summary>
        public long FramesMisaddressed { get; internal set; }

        /// <summary>Frames dropped because more peers than allowed had frames waiting.</summary>
        public long QueuedPeerLimitDrops { get; internal set; }

        /// <summary>Frames that could not be encoded (too large for the frame budget).</summary>
        public long EncodeFailures { get; internal set; }

        /// <summary>Active-view members added.</summary>
        public long NeighborsUp { get; internal set; }

        /// <summary>Active-view members removed.</summary>
        public long NeighborsDown { get; internal set; }

        /// <summary>Passive-view members evicted to make room.</summary>
        public long PassiveEvictions { get; internal set; }

        /// <summary>NEIGHBOR requests that timed out.</summary>
        public long NeighborTimeouts { get; internal set; }

        /// <summary>Probes that got no ACK, direct or indirect.</summary>
        public long ProbesFailed { get; internal set; }

        /// <summary>Nodes this node started to suspect.</summary>
        public long Suspicions { get; internal set; }

        /// <summary>Suspicions cleared because the node answered or refuted.</summary>
        public long SuspicionsCleared { get; internal set; }

        /// <summary>Suspicions not started because the suspect table was full.</summary>
        public long SuspectTableFull { get; internal set; }

        /// <summary>Nodes this node declared dead after the suspicion timeout.</summary>
        public long DeathsDeclared { get; internal set; }

        /// <summary>Dead-node updates accepted (own declarations and ones learnt from others).</summary>
        public long DeathsLearnt { get; internal set; }

        /// <summary>Times this node refuted a suspicion or death notice about itself.</summary>
        public long Refutations { get; internal set; }

        /// <summary>Tombstones evicted before their time because the table was full.</summary>
        public long TombstoneEvictions { get; internal set; }

        /// <summary>Tombstones removed because the node proved to be alive with a newer incarnation.</summary>
        public long Resurrections { get; internal set; }

        /// <summary>Passive members invited because they follow another overlay-tree root (a split overlay).</summary>
        public long SplitInvitations { get; internal set; }

        /// <summary>Relayed PING-REQ probes evicted because the relay table was full.</summary>
        public long RelayEvictions { get; internal set; }

        /// <summary>Piggyback updates evicted before being sent often enough.</summary>
        public long UpdateQueueEvictions { get; internal set; }

        /// <summary>Flood duplicate-suppression entries evicted.</summary>
        public long FloodDedupEvictions { get; internal set; }

        /// <summary>Broadcast messages published by this node.</summary>
        public long Published { get; internal set; }

        /// <summary>Broadcast messages delivered to the application (first copies on subscribed topics).</summary>
        public long Delivered { get; internal set; }

        /// <summary>Deliveries dropped because the application did not drain the delivery queue.</summary>
        public long DeliveryQueueDrops { get; internal set; }

        /// <summary>Broadcast payload copies received after the first one.</summary>
        public long DuplicatePayloads { get; internal set; }

        /// <summary>Broadcast payload transmissions (eager pushes and GRAFT answers).</summary>
        public long PayloadsSent { get; internal set; }

        /// <summary>IHAVE messages sent.</summary>
        public long IHavesSent { get; internal set; }

        /// <summary>GRAFT messages sent.</summary>
        public long GraftsSent { get; internal set; }

        /// <summary>PRUNE messages sent.</summary>
        public long PrunesSent { get; internal set; }

        /// <summary>GRAFTs that asked for a message no longer in the cache.</summary>
        public long GraftMisses { get; internal set; }

        /// <summary>Missing messages given up after <see cref="GossipOptions.MaxGraftAttempts"/> GRAFTs.</summary>
        public long MissingGivenUp { get; internal set; }

        /// <summary>IHAVE announcements ignored because the missing-message table was full.</summary>
        public long MissingTableFull { get; internal set; }

        /// <summary>IHAVE entries dropped because a peer's lazy queue was full.</summary>
        public long LazyQueueDrops { get; internal set; }

        /// <summary>Remembered message ids evicted (a very late copy may then be delivered again: see docs).</summary>
        public long SeenEvictions { get; internal set; }

        /// <summary>Cached message bytes evicted (later GRAFTs for them miss).</summary>
        public long CacheEvictions { get; internal set; }

        /// <summary>Topic trees evicted because more topics than allowed were active.</summary>
        public long TopicEvictions { get; internal set; }

        /// <summary>Per-root trees evicted because a topic had more publishers than allowed.</summary>
        public long RootEvictions { get; internal set; }

        /// <summary>IHAVE entries sent to new neighbours about recent messages.</summary>
        public long RecoveryAnnouncements { get; internal set; }

        /// <summary>Changes of this node's overlay-tree root, distance or parent.</summary>
        public long TreeChanges { get; internal set; }

        /// <summary>Broadcasts not relayed because they reached <see cref="GossipOptions.MaxRounds"/>.</summary>
        public long RoundLimitDrops { get; internal set; }

        /// <summary>Tree optimisations (lazy link promoted over a longer eager path).</summary>
        public long TreeOptimizations { get; internal set; }

        /// <summary>Frames rejected by the decoder, indexed by <see cref="FrameError"/> value.</summary>
        public long DecodeErrors(FrameError error)
        {
            return decodeErrors[(int)error];
        }

        /// <summary>Frames dropped from per-peer send queues, by priority (0 control … 3 bulk).</summary>
        public long SendQueueDrops(Priority priority)
        {
            return sendQueueDrops[(int)priority];
        }

        internal void CountDecodeError(FrameError error)
        {
            decodeErrors[(int)error]++;
            FramesRejected++;
        }

        internal void CountSendQueueDrop(Priority priority)
        {
            sendQueueDrops[(int)priority]++;
        }
    }
}

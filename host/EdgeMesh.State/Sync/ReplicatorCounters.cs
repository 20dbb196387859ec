namespace EdgeMesh.State.Sync
{
    /// <summary>What a replicator did and refused, for the daemon's counters and the simulator's report.</summary>
    public sealed class ReplicatorCounters
    {
        /// <summary>Delta groups sent.</summary>
        public long DeltasSent { get; internal set; }

        /// <summary>Whole states sent (the buffer no longer covered a neighbour, or digests differed).</summary>
        public long FullStatesSent { get; internal set; }

        /// <summary>Whole-state answers to a differing digest held back by the backoff.</summary>
        public long FullStatesDeferred { get; internal set; }

        /// <summary>Digests sent.</summary>
        public long DigestsSent { get; internal set; }

        /// <summary>Acknowledgements sent.</summary>
        public long AcksSent { get; internal set; }

        /// <summary>Bytes of every message sent.</summary>
        public long BytesSent { get; internal set; }

        /// <summary>Messages received and decoded.</summary>
        public long MessagesReceived { get; internal set; }

        /// <summary>Messages that did not decode (by any <see cref="Codec.StateError"/>).</summary>
        public long DecodeErrors { get; internal set; }

        /// <summary>Received deltas or states that the admission filter refused entirely.</summary>
        public long Refused { get; internal set; }

        /// <summary>Received deltas or states that grew the state.</summary>
        public long Inflations { get; internal set; }

        /// <summary>Received deltas or states that brought nothing new.</summary>
        public long Redundant { get; internal set; }

        /// <summary>Buffered deltas dropped because the buffer was full (their neighbours fall back to digests and whole states).</summary>
        public long BufferDrops { get; internal set; }

        /// <summary>Deltas not buffered because one alone exceeded the byte bound (the buffer is then cleared).</summary>
        public long BufferResets { get; internal set; }

        /// <summary>Deltas discarded because every neighbour acknowledged them.</summary>
        public long BufferCollected { get; internal set; }

        /// <summary>Messages from or new neighbours beyond <see cref="ReplicatorOptions.MaxPeers"/>.</summary>
        public long PeersRefused { get; internal set; }

        /// <summary>Neighbours that opened a link from their side and went quiet, forgotten.</summary>
        public long InboundExpired { get; internal set; }

        /// <summary>Messages larger than <see cref="ReplicatorOptions.LargeMessageBytes"/>.</summary>
        public long LargeMessages { get; internal set; }
    }
}

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>What a scheduled timer is for; the two key fields' meaning depends on it.</summary>
    internal enum TimerKind : byte
    {
        /// <summary>Periodic SWIM probe round.</summary>
        Probe,

        /// <summary>Direct probe timed out: ask for indirect probes (A = probe sequence).</summary>
        ProbeTimeout,

        /// <summary>A suspicion may expire (A = node id, B = deadline it was set for).</summary>
        Suspicion,

        /// <summary>Periodic passive-view shuffle.</summary>
        Shuffle,

        /// <summary>Periodic active-view repair and join retry.</summary>
        Repair,

        /// <summary>A NEIGHBOR request may have timed out (A = node id, B = request number).</summary>
        NeighborTimeout,

        /// <summary>Periodic reconnect probe to a tombstoned node.</summary>
        Reconnect,

        /// <summary>Periodic probe of a random passive-view member.</summary>
        PassiveProbe,

        /// <summary>Periodic IHAVE digest of recent messages to one random neighbour.</summary>
        AntiEntropy,

        /// <summary>Flush of batched IHAVE announcements.</summary>
        LazyFlush,

        /// <summary>A missing message's GRAFT timer (A = origin, B = sequence).</summary>
        Missing,
    }
}

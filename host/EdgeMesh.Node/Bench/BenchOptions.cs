using System;

namespace EdgeMesh.Node.Bench
{
    /// <summary>What a closed-loop run does: payload size, window and phase lengths (same for every system compared).</summary>
    internal sealed class BenchOptions
    {
        /// <summary>Smallest payload: it carries a sequence number and a send timestamp.</summary>
        internal const int MinPayloadBytes = 16;

        /// <summary>Largest payload (the daemon's default limit).</summary>
        internal const int MaxPayloadBytes = 1024;

        /// <summary>Bytes per message.</summary>
        internal int PayloadBytes { get; init; } = 64;

        /// <summary>Messages sent but not yet received at most (below the daemon's 1,024-message subscriber queue).</summary>
        internal int Window { get; init; } = 256;

        /// <summary>Traffic before the measurement (JIT, sockets, caches), not counted.</summary>
        internal TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>Measured traffic.</summary>
        internal TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>Longest wait for the last messages after publishing stopped.</summary>
        internal TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(2);

        /// <summary>A full window with no delivery for this long counts as lost messages: the window is reopened (a stall).</summary>
        internal TimeSpan StallTimeout { get; init; } = TimeSpan.FromMilliseconds(200);
    }
}

using System;

namespace EdgeMesh.State.Sync
{
    /// <summary>Where a replicator's messages go: the daemon's transport, the simulator's links, or a test's list. The bytes are valid during the call only.</summary>
    public interface ISyncSink
    {
        /// <summary>Carries <paramref name="message"/> to <paramref name="peer"/>.</summary>
        void Send(ulong peer, ReadOnlySpan<byte> message);
    }
}

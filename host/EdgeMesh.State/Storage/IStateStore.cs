using System;
using System.Collections.Generic;

namespace EdgeMesh.State.Storage
{
    /// <summary>
    /// Durable fleet state (docs/fleet-state.md §6): a snapshot of the whole state plus a log of the
    /// deltas merged since. Each record is checked on load (length and checksum); damaged records are
    /// reported, never replayed.
    /// </summary>
    public interface IStateStore
    {
        /// <summary>Appends one encoded delta; false with a reason when it could not be stored.</summary>
        bool TryAppend(ReadOnlySpan<byte> delta, out string error);

        /// <summary>Replaces snapshot and log by one snapshot of <paramref name="state"/> (compaction).</summary>
        bool TryCompact(ReadOnlySpan<byte> state, out string error);

        /// <summary>Bytes in the log since the last compaction.</summary>
        long LogBytes { get; }

        /// <summary>The snapshot (if any) and then every intact log record, in order; problems are added to <paramref name="problems"/>.</summary>
        IReadOnlyList<byte[]> Load(ICollection<string> problems);
    }
}

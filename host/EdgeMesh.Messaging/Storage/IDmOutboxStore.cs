using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Storage
{
    /// <summary>
    /// Where the outbox keeps accepted, unacknowledged envelopes so a restart loses none
    /// (docs/direct-messages.md §8). Envelopes are stored sealed and signed: the plaintext never
    /// touches the disk. Called from the messenger's owner only.
    /// </summary>
    public interface IDmOutboxStore
    {
        /// <summary>Stores durably before returning true; false with a message when it cannot (the send is then refused).</summary>
        bool TrySave(DmRequestId id, ReadOnlySpan<byte> envelope, Priority priority, out string error);

        /// <summary>
        /// Removes an entry (acknowledged, rejected or expired). Best effort: an entry that survives is
        /// resent after a restart and the recipient's dedupe absorbs it.
        /// </summary>
        void Delete(DmRequestId id);

        /// <summary>
        /// Every stored envelope. Entries that cannot be read back are set aside (never silently lost)
        /// and described in <paramref name="problems"/>.
        /// </summary>
        IReadOnlyList<DmStoredEnvelope> LoadAll(ICollection<string> problems);
    }
}

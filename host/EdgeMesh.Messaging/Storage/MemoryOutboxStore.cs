using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Storage
{
    /// <summary>
    /// An outbox store in memory: survives a messenger being replaced (a simulated restart) but not
    /// the process. For the simulator and tests; bounded by the messenger's outbox limits.
    /// </summary>
    public sealed class MemoryOutboxStore : IDmOutboxStore
    {
        private readonly Dictionary<DmRequestId, DmStoredEnvelope> _entries = new Dictionary<DmRequestId, DmStoredEnvelope>();

        /// <summary>Entries held.</summary>
        public int Count => _entries.Count;

        /// <inheritdoc />
        public bool TrySave(DmRequestId id, ReadOnlySpan<byte> envelope, Priority priority, out string error)
        {
            _entries[id] = new DmStoredEnvelope(envelope.ToArray(), priority);
            error = string.Empty;
            return true;
        }

        /// <inheritdoc />
        public void Delete(DmRequestId id)
        {
            _entries.Remove(id);
        }

        /// <inheritdoc />
        public IReadOnlyList<DmStoredEnvelope> LoadAll(ICollection<string> problems)
        {
            return new List<DmStoredEnvelope>(_entries.Values);
        }
    }
}

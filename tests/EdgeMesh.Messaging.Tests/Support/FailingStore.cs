using System.Collections.Generic;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Support
{
    /// <summary>A store whose every save fails with "disk full".</summary>
    internal sealed class FailingStore : IDmOutboxStore
    {
        public bool TrySave(DmRequestId id, ReadOnlySpan<byte> envelope, Priority priority, out string error)
        {
            error = "disk full";
            return false;
        }

        public void Delete(DmRequestId id)
        {
        }

        public IReadOnlyList<DmStoredEnvelope> LoadAll(ICollection<string> problems)
        {
            return Array.Empty<DmStoredEnvelope>();
        }
    }
}

using System.Collections.Generic;

namespace EdgeMesh.Messaging
{
    /// <summary>What <see cref="DirectMessenger.RestoreOutbox"/> found in the store.</summary>
    public sealed class DmRestoreResult
    {
        internal DmRestoreResult(int resumed, int expired, IReadOnlyList<string> problems)
        {
            Resumed = resumed;
            Expired = expired;
            Problems = problems;
        }

        /// <summary>Messages put back in flight (their first attempt is already queued).</summary>
        public int Resumed { get; }

        /// <summary>Messages that expired while the node was down (a timed-out receipt was issued for each).</summary>
        public int Expired { get; }

        /// <summary>Entries not resumed, one sentence each (unreadable files set aside, envelopes of another identity).</summary>
        public IReadOnlyList<string> Problems { get; }
    }
}

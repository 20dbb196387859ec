using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace EdgeMesh.Groups.Consensus
{
    /// <summary>
    /// The fork rule: when several commits appear for one epoch, every member picks the same one:
    /// the most proposals, then the epoch steward's, then the lowest SHA-256 of the commit bytes.
    /// It depends only on the candidates, never on arrival order.
    /// </summary>
    public static class CommitSelection
    {
        public static CommitCandidate? Choose(IReadOnlyList<CommitCandidate> candidates, uint epochSteward)
        {
            CommitCandidate? best = null;
            byte[]? bestHash = null;
            foreach (CommitCandidate c in candidates)
            {
                byte[] hash = SHA256.HashData(c.Message);
                if (best is null || Better(c, hash, best, bestHash!, epochSteward))
                {
                    best = c;
                    bestHash = hash;
                }
            }

            return best;
        }

        private static bool Better(CommitCandidate a, byte[] aHash, CommitCandidate b, byte[] bHash, uint steward)
        {
            if (a.ProposalCount != b.ProposalCount)
            {
                return a.ProposalCount > b.ProposalCount;
            }

            bool aSteward = a.Committer == steward;
            bool bSteward = b.Committer == steward;
            if (aSteward != bSteward)
            {
                return aSteward;
            }

            return aHash.AsSpan().SequenceCompareTo(bHash) < 0;
        }
    }
}

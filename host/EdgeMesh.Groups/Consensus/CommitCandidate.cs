using System;

namespace EdgeMesh.Groups.Consensus
{
    /// <summary>A commit seen for an epoch, with what the fork rule needs to rank it.</summary>
    public sealed class CommitCandidate
    {
        public CommitCandidate(byte[] message, uint committer, int proposalCount)
        {
            Message = message;
            Committer = committer;
            ProposalCount = proposalCount;
        }

        public byte[] Message { get; }

        public uint Committer { get; }

        public int ProposalCount { get; }
    }
}

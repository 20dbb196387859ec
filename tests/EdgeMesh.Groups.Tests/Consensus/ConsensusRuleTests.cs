using System.Linq;
using System.Text;
using EdgeMesh.Groups.Consensus;

namespace EdgeMesh.Groups.Tests.Consensus
{
    public sealed class ConsensusRuleTests
    {
        private static readonly VoteRules Rules = new VoteRules { TimeoutMs = 3_000, SilenceIsYes = true };

        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 2)]
        [InlineData(3, 2)]
        [InlineData(4, 3)]
        [InlineData(20, 14)]
        public void Quorum_is_two_thirds_rounded_up_and_everyone_for_tiny_groups(int n, int quorum)
            => Assert.Equal(quorum, ProposalVote.Quorum(n));

        [Fact]
        public void Accepts_once_the_yes_votes_cannot_be_outvoted()
        {
            ProposalVote vote = new ProposalVote(Enumerable.Range(0, 20).Select(i => (uint)i), 1_000, Rules);
            for (uint i = 0; i < 13; i++)
            {
                vote.Cast(i, true);
            }

            // 13 of 20 is below the quorum of 14, however one-sided.
            Assert.Equal(VoteOutcome.Pending, vote.Evaluate(1_500));
            vote.Cast(13, true);
            Assert.Equal(VoteOutcome.Accepted, vote.Evaluate(1_600));
        }

        [Fact]
        public void Silence_counts_as_yes_only_after_the_timeout()
        {
            ProposalVote vote = new ProposalVote(new uint[] { 0, 1, 2, 3, 4 }, 0, Rules);
            vote.Cast(0, true);
            vote.Cast(1, false);
            Assert.Equal(VoteOutcome.Pending, vote.Evaluate(2_999));
            Assert.Equal(VoteOutcome.Accepted, vote.Evaluate(3_000));

            ProposalVote strict = new ProposalVote(new uint[] { 0, 1, 2, 3, 4 }, 0, new VoteRules { TimeoutMs = 3_000, SilenceIsYes = false });
            strict.Cast(0, true);
            strict.Cast(1, false);
            Assert.Equal(VoteOutcome.Rejected, strict.Evaluate(3_000));
        }

        [Fact]
        public void Rejects_a_clear_no_and_refuses_equivocation_and_outsiders()
        {
            ProposalVote vote = new ProposalVote(new uint[] { 0, 1, 2 }, 0, Rules);
            Assert.True(vote.Cast(0, false));
            Assert.False(vote.Cast(0, true));
            Assert.Equal(1, vote.Equivocations);
            Assert.False(vote.Cast(9, true));
            Assert.Equal(1, vote.Outsiders);
            Assert.True(vote.Cast(1, false));
            Assert.Equal(VoteOutcome.Rejected, vote.Evaluate(10));
        }

        [Fact]
        public void Two_member_group_needs_both_votes()
        {
            ProposalVote vote = new ProposalVote(new uint[] { 0, 1 }, 0, Rules);
            vote.Cast(0, true);
            Assert.Equal(VoteOutcome.Pending, vote.Evaluate(100));
            vote.Cast(1, true);
            Assert.Equal(VoteOutcome.Accepted, vote.Evaluate(100));
        }

        [Fact]
        public void Every_member_picks_the_same_commit_whatever_the_arrival_order()
        {
            CommitCandidate a = new CommitCandidate(Encoding.UTF8.GetBytes("commit-a"), 3, 2);
            CommitCandidate b = new CommitCandidate(Encoding.UTF8.GetBytes("commit-b"), 5, 2);
            CommitCandidate c = new CommitCandidate(Encoding.UTF8.GetBytes("commit-c"), 7, 1);
            CommitCandidate d = new CommitCandidate(Encoding.UTF8.GetBytes("commit-d"), 9, 2);
            CommitCandidate?[] picks =
            {
                CommitSelection.Choose(new[] { a, b, c, d }, 5),
                CommitSelection.Choose(new[] { d, c, b, a }, 5),
                CommitSelection.Choose(new[] { c, a, d, b }, 5),
            };
            Assert.All(picks, p => Assert.Same(b, p));

            // Without the steward among the leaders, the lowest hash decides, again order-free.
            CommitCandidate? x = CommitSelection.Choose(new[] { a, d, c }, 5);
            CommitCandidate? y = CommitSelection.Choose(new[] { c, d, a }, 5);
            Assert.Same(x, y);
            Assert.NotSame(c, x);
        }

        [Fact]
        public void Steward_order_is_deterministic_and_the_backup_is_the_next_slot()
        {
            byte[][] ids = Enumerable.Range(0, 6).Select(i => Encoding.UTF8.GetBytes("robot-" + i)).ToArray();
            List<byte[]> one = StewardOrder.Order(ids, 4, 0, "g"u8);
            List<byte[]> two = StewardOrder.Order(ids.Reverse(), 4, 0, "g"u8);
            Assert.Equal(one, two);
            Assert.Equal(one[0], StewardOrder.Steward(one, 4, 4));
            Assert.Equal(one[1], StewardOrder.Steward(one, 4, 4, backupRank: 1));
            Assert.Equal(one[1], StewardOrder.Steward(one, 4, 5));
            Assert.NotEqual(one, StewardOrder.Order(ids, 4, 1, "g"u8));
        }

        [Fact]
        public void Backup_steward_takes_over_after_each_inactivity_timeout()
        {
            Assert.Equal(0, StewardOrder.ActiveRank(10_000, 11_999, 2_000, 3));
            Assert.Equal(1, StewardOrder.ActiveRank(10_000, 12_000, 2_000, 3));
            Assert.Equal(2, StewardOrder.ActiveRank(10_000, 14_500, 2_000, 3));
            Assert.Equal(2, StewardOrder.ActiveRank(10_000, 99_000, 2_000, 3));
            Assert.Equal(0, StewardOrder.ActiveRank(10_000, 99_000, 2_000, 1));
        }
    }
}

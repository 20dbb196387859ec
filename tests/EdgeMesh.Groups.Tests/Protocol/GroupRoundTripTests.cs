using System.Linq;
using System.Text;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;

namespace EdgeMesh.Groups.Tests.Protocol
{
    /// <summary>Our own commits, Welcomes and application messages, processed by our own members.</summary>
    public sealed class GroupRoundTripTests
    {
        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Create_add_message_update_remove(bool encryptHandshake)
        {
            List<GroupState> members = GroupTestKit.Group(5, encryptHandshake);
            GroupTestKit.AssertAgree(members);
            Assert.Equal(5, members[0].MemberCount);

            byte[] hello = members[2].EncryptApplication(Encoding.UTF8.GetBytes("hello squad"), default);
            foreach (int i in new[] { 0, 1, 3, 4 })
            {
                Assert.Equal(MlsError.None, members[i].Process(hello, out Received? r));
                Assert.Equal("hello squad", Encoding.UTF8.GetString(r!.ApplicationData));
                Assert.Equal(2u, r.Sender);
            }

            // Replaying the same ciphertext is refused: its key was used once.
            Assert.Equal(MlsError.Generation, members[0].Process(hello, out _));

            // An empty commit with a path refreshes member 3's keys (post-compromise security).
            GroupTestKit.CommitAndDeliver(members, 3, new List<Proposal>(), true);
            GroupTestKit.AssertAgree(members);

            // Member 1 proposes adding a newcomer by reference; member 4 commits it.
            KeyPackageBundle newcomer = GroupTestKit.Client("newcomer");
            byte[] proposal = members[1].Propose(GroupState.AddProposal(newcomer.KeyPackage));
            foreach (int i in new[] { 0, 2, 3, 4 })
            {
                Assert.Equal(MlsError.None, members[i].Process(proposal, out Received? r));
                Assert.Equal(ReceivedKind.Proposal, r!.Kind);
            }

            PendingCommit add = GroupTestKit.CommitAndDeliver(members, 4, new List<Proposal>(), false);
            members.Add(GroupTestKit.Join(add.Welcome!, newcomer));
            GroupTestKit.AssertAgree(members);
            Assert.Equal(6, members[0].MemberCount);

            // Member 0 removes member 2; member 2 learns it was removed and cannot read what follows.
            GroupState removed = members[2];
            Assert.Equal(MlsError.None, members[0].CreateCommit(new List<Proposal> { GroupState.RemoveProposal(removed.OwnLeaf) }, true, out PendingCommit? remove));
            Assert.Equal(MlsError.None, removed.Process(remove!.Message, out Received? gone));
            Assert.True(gone!.RemovedSelf);
            for (int i = 1; i < members.Count; i++)
            {
                if (i != 2)
                {
                    Assert.Equal(MlsError.None, members[i].Process(remove.Message, out _));
                }
            }

            Assert.Equal(MlsError.None, members[0].MergePending());
            members.RemoveAt(2);
            GroupTestKit.AssertAgree(members);
            byte[] secret = members[0].EncryptApplication(Encoding.UTF8.GetBytes("after removal"), default);
            Assert.NotEqual(MlsError.None, removed.Process(secret, out _));
            Assert.Equal(MlsError.None, members.Last().Process(secret, out Received? ok));
            Assert.Equal("after removal", Encoding.UTF8.GetString(ok!.ApplicationData));
        }

        [Fact]
        public void Update_proposal_by_reference_refreshes_the_proposers_leaf()
        {
            List<GroupState> members = GroupTestKit.Group(4);
            byte[] oldKey = members[1].Tree.Leaf(1)!.EncryptionKey;
            Assert.Equal(MlsError.None, members[1].ProposeUpdate(out byte[] update));
            foreach (int i in new[] { 0, 2, 3 })
            {
                Assert.Equal(MlsError.None, members[i].Process(update, out _));
            }

            GroupTestKit.CommitAndDeliver(members, 0, new List<Proposal>(), true);
            GroupTestKit.AssertAgree(members);
            Assert.NotEqual(oldKey, members[0].Tree.Leaf(1)!.EncryptionKey);

            // Member 1 must hold the new leaf key: a later path encrypted to it must open.
            GroupTestKit.CommitAndDeliver(members, 3, new List<Proposal>(), true);
            GroupTestKit.AssertAgree(members);
        }

        [Fact]
        public void A_new_member_cannot_read_messages_from_before_it_joined()
        {
            List<GroupState> members = GroupTestKit.Group(3);
            byte[] old = members[0].EncryptApplication(Encoding.UTF8.GetBytes("before"), default);
            KeyPackageBundle late = GroupTestKit.Client("late");
            PendingCommit add = GroupTestKit.CommitAndDeliver(members, 1, new List<Proposal> { GroupState.AddProposal(late.KeyPackage) }, true);
            GroupState joined = GroupTestKit.Join(add.Welcome!, late);
            Assert.Equal(MlsError.WrongEpoch, joined.Process(old, out _));
        }

        [Fact]
        public void Tampered_commit_is_refused_and_state_is_unchanged()
        {
            List<GroupState> members = GroupTestKit.Group(4, encryptHandshake: false);
            Assert.Equal(MlsError.None, members[1].CreateCommit(new List<Proposal>(), true, out PendingCommit? pending));
            byte[] bad = (byte[])pending!.Message.Clone();
            bad[bad.Length - 40] ^= 0x01;
            byte[] before = members[2].EpochAuthenticator;
            Assert.NotEqual(MlsError.None, members[2].Process(bad, out _));
            Assert.Equal(before, members[2].EpochAuthenticator);
            Assert.Equal(MlsError.None, members[2].Process(pending.Message, out _));
        }

        [Fact]
        public void Losing_commit_is_discarded_when_another_commit_wins_the_epoch()
        {
            List<GroupState> members = GroupTestKit.Group(3);
            Assert.Equal(MlsError.None, members[1].CreateCommit(new List<Proposal>(), true, out PendingCommit? loser));
            Assert.Equal(MlsError.None, members[2].CreateCommit(new List<Proposal>(), true, out PendingCommit? winner));
            Assert.Equal(MlsError.None, members[0].Process(winner!.Message, out _));
            Assert.Equal(MlsError.None, members[1].Process(winner.Message, out _));
            Assert.Equal(MlsError.None, members[2].MergePending());
            Assert.Equal(MlsError.NotFound, members[1].MergePending());
            Assert.Equal(MlsError.WrongEpoch, members[0].Process(loser!.Message, out _));
            GroupTestKit.AssertAgree(members);
        }
    }
}

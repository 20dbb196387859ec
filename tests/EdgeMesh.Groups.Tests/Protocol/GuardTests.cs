using System.Text;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;
using EdgeMesh.Groups.Schedule;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Protocol
{
    /// <summary>Each bound and check in the core, shown catching what it guards against.</summary>
    public sealed class GuardTests
    {
        [Fact]
        public void Secret_tree_refuses_generations_far_ahead_and_bounds_skipped_keys()
        {
            using SecretTree tree = new SecretTree(new byte[32], 4);
            Assert.Equal(MlsError.Generation, tree.Take(1, false, SecretTree.MaxForward + 1, out _, out _));
            Assert.Equal(MlsError.BadSender, tree.Take(4, false, 0, out _, out _));
            Assert.Equal(MlsError.None, tree.Take(0, false, 10, out _, out _));
            Assert.Equal(MlsError.None, tree.Take(0, false, 3, out _, out _));
            Assert.Equal(MlsError.Generation, tree.Take(0, false, 3, out _, out _));
            Assert.Equal(MlsError.None, tree.Take(0, false, 10 + SecretTree.MaxSkipped + 5, out _, out _));
            Assert.True(tree.DroppedSkippedKeys > 0);
            Assert.Equal(MlsError.Generation, tree.Take(0, false, 4, out _, out _));
        }

        [Fact]
        public void Ratchet_tree_larger_than_the_bound_is_refused_before_it_is_built()
        {
            int count = (int)(2 * RatchetTree.MaxLeaves) + 2;
            TlsWriter w = new TlsWriter(count + 8);
            w.VarLength(count);
            w.Fixed(new byte[count]);
            Assert.Equal(MlsError.TooLarge, RatchetTree.TryDecode(w.Written, out _));
        }

        [Fact]
        public void Trees_ending_in_a_blank_or_with_misplaced_nodes_are_refused()
        {
            Assert.Equal(MlsError.InvalidValue, RatchetTree.TryDecode(new byte[] { 1, 0 }, out _));
            List<GroupState> members = GroupTestKit.Group(2);
            byte[] valid = members[0].Tree.Encode();
            Assert.Equal(MlsError.None, RatchetTree.TryDecode(valid, out _));
            byte[] misplaced = (byte[])valid.Clone();
            misplaced[3] = 2; // the first node (a leaf position) claims to be a parent
            Assert.NotEqual(MlsError.None, RatchetTree.TryDecode(misplaced, out _));
        }

        [Fact]
        public void Duplicate_extensions_are_refused()
        {
            TlsWriter w = new TlsWriter();
            int mark = w.BeginVector();
            w.U16(9);
            w.VarBytes(new byte[] { 1 });
            w.U16(9);
            w.VarBytes(new byte[] { 2 });
            w.EndVector(mark);
            TlsReader r = new TlsReader(w.Written);
            Extension.ReadList(ref r);
            Assert.Equal(MlsError.InvalidValue, r.Error);
        }

        [Fact]
        public void Proposal_cache_is_bounded_and_counts_what_it_refuses()
        {
            List<GroupState> members = GroupTestKit.Group(2);
            for (int i = 0; i < GroupState.MaxCachedProposals; i++)
            {
                byte[] p = members[1].Propose(GroupState.RemoveProposal((uint)i));
                Assert.Equal(MlsError.None, members[0].Process(p, out _));
            }

            byte[] overflow = members[1].Propose(GroupState.RemoveProposal(100000));
            Assert.Equal(MlsError.TooLarge, members[0].Process(overflow, out _));
            Assert.Equal(1, members[0].DroppedProposals);
        }

        [Fact]
        public void Welcome_for_someone_else_and_commit_by_unknown_reference_are_refused()
        {
            List<GroupState> members = GroupTestKit.Group(2);
            KeyPackageBundle invited = GroupTestKit.Client("invited");
            KeyPackageBundle stranger = GroupTestKit.Client("stranger");
            Assert.Equal(MlsError.None, members[0].CreateCommit(new List<Proposal> { GroupState.AddProposal(invited.KeyPackage) }, true, out PendingCommit? pending));
            Assert.Equal(MlsError.None, MlsMessage.TryDecode(pending!.Welcome!, out MlsMessage welcome));
            Assert.Equal(MlsError.NotFound, GroupState.TryJoin(welcome.Welcome!, stranger.KeyPackage, stranger.InitPrivate, stranger.EncryptionPrivate, stranger.SignaturePrivate, null, new PskStore(), out _));
            members[0].DiscardPending();

            // Member 0 commits a proposal member 1 never saw: member 1 cannot resolve the reference.
            members[0].Propose(GroupState.RemoveProposal(1));
            Assert.Equal(MlsError.None, members[0].CreateCommit(new List<Proposal>(), true, out PendingCommit? byRef));
            Assert.NotEqual(MlsError.None, members[1].Process(byRef!.Message, out _));
        }

        [Fact]
        public void Application_data_in_a_public_message_is_refused()
        {
            List<GroupState> members = GroupTestKit.Group(2, encryptHandshake: false);
            byte[] proposal = members[1].Propose(GroupState.RemoveProposal(0));
            Assert.Equal(MlsError.None, MlsMessage.TryDecode(proposal, out MlsMessage m));
            FramedContent content = m.Public!.Content;
            content.ContentType = ContentType.Application;
            content.ApplicationData = Encoding.UTF8.GetBytes("in the clear");
            content.Proposal = null;
            Assert.Equal(MlsError.InvalidValue, members[0].Process(m.Encode(), out _));
        }
    }
}

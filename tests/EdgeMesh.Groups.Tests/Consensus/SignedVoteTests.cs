using System.Text;
using EdgeMesh.Groups.Consensus;
using EdgeMesh.Groups.Protocol;
using EdgeMesh.Groups.Tests.Protocol;

namespace EdgeMesh.Groups.Tests.Consensus
{
    public sealed class SignedVoteTests
    {
        [Fact]
        public void A_vote_verifies_against_the_voters_leaf_and_nothing_else()
        {
            List<GroupState> members = GroupTestKit.Group(3);
            KeyPackageBundle voter = GroupTestKit.Client("voter");
            byte[] proposalId = Encoding.UTF8.GetBytes("add robot-9");
            SignedVote vote = SignedVote.Create(members[0].GroupId, members[0].Epoch, proposalId, 2, true, voter.SignaturePrivate);
            Assert.Equal(MlsError.None, SignedVote.TryDecode(vote.Encode(), out SignedVote? back));
            Assert.True(back!.Verify(voter.KeyPackage.LeafNode.SignatureKey));
            Assert.False(back.Verify(members[0].Tree.Leaf(0)!.SignatureKey));

            byte[] flipped = vote.Encode();
            int choiceAt = flipped.Length - 67; // before the 64-byte signature and its 2-byte length
            flipped[choiceAt] ^= 1;
            Assert.Equal(MlsError.None, SignedVote.TryDecode(flipped, out SignedVote? forged));
            Assert.False(forged!.Yes);
            Assert.False(forged.Verify(voter.KeyPackage.LeafNode.SignatureKey));

            flipped[choiceAt] = 7;
            Assert.Equal(MlsError.InvalidValue, SignedVote.TryDecode(flipped, out _));
            Assert.NotEqual(MlsError.None, SignedVote.TryDecode(flipped.AsSpan(0, 10), out _));
        }
    }
}

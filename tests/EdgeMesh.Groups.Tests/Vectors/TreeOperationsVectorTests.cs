using System.Text.Json;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class TreeOperationsVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("tree-operations");

        [Theory]
        [MemberData(nameof(Cases))]
        public void Tree_operations(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            Assert.Equal(MlsError.None, RatchetTree.TryDecode(v.Hex("tree_before"), out RatchetTree tree));
            Assert.Equal(v.Hex("tree_hash_before"), tree.RootHash());
            TlsReader r = new TlsReader(v.Hex("proposal"));
            Proposal p = Proposal.Read(ref r);
            r.ExpectEnd();
            Assert.True(r.Ok);
            uint sender = v.GetProperty("proposal_sender").GetUInt32();
            switch (p.Type)
            {
                case Proposal.Add:
                    tree.AddLeaf(p.KeyPackage!.LeafNode);
                    break;
                case Proposal.Update:
                    tree.UpdateLeaf(sender, p.LeafNode!);
                    break;
                case Proposal.Remove:
                    tree.RemoveLeaf(p.Removed);
                    tree.Truncate();
                    break;
                default:
                    Assert.Fail("unexpected proposal type " + p.Type);
                    break;
            }

            Assert.Equal(Convert.ToHexString(v.Hex("tree_after")), Convert.ToHexString(tree.Encode()));
            Assert.Equal(v.Hex("tree_hash_after"), tree.RootHash());
        }
    }
}

using System.Linq;
using System.Text.Json;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class TreeValidationVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("tree-validation");

        [Theory]
        [MemberData(nameof(Cases))]
        public void Tree_validation(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            Assert.Equal(MlsError.None, RatchetTree.TryDecode(v.Hex("tree"), out RatchetTree tree));
            JsonElement hashes = v.GetProperty("tree_hashes");
            JsonElement resolutions = v.GetProperty("resolutions");
            Assert.Equal(hashes.GetArrayLength(), (int)tree.NodeWidth);
            for (uint i = 0; i < tree.NodeWidth; i++)
            {
                Assert.Equal(Convert.FromHexString(hashes[(int)i].GetString()!), tree.TreeHash(i));
                uint[] expected = resolutions[(int)i].EnumerateArray().Select(e => e.GetUInt32()).ToArray();
                Assert.Equal(expected, tree.Resolution(i).ToArray());
            }

            Assert.True(tree.VerifyParentHashes());
            Assert.True(tree.VerifyUnmergedLeaves());
            Assert.True(tree.VerifyLeafSignatures(v.Hex("group_id")));
            byte[] wrongGroup = v.Hex("group_id");
            wrongGroup[0] ^= 1;
            Assert.False(tree.VerifyLeafSignatures(wrongGroup));
        }
    }
}

using System.Text.Json;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class TreeMathVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("tree-math");

        private static uint? Opt(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetUInt32();

        [Theory]
        [MemberData(nameof(Cases))]
        public void Tree_math(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            uint leaves = v.GetProperty("n_leaves").GetUInt32();
            uint width = TreeMath.NodeWidth(leaves);
            Assert.Equal(v.GetProperty("n_nodes").GetUInt32(), width);
            uint root = TreeMath.Root(leaves);
            Assert.Equal(v.GetProperty("root").GetUInt32(), root);
            for (uint i = 0; i < width; i++)
            {
                bool leaf = TreeMath.IsLeaf(i);
                Assert.Equal(Opt(v.GetProperty("left")[(int)i]), leaf ? null : TreeMath.Left(i));
                Assert.Equal(Opt(v.GetProperty("right")[(int)i]), leaf ? null : TreeMath.Right(i));
                Assert.Equal(Opt(v.GetProperty("parent")[(int)i]), i == root ? null : TreeMath.Parent(i));
                Assert.Equal(Opt(v.GetProperty("sibling")[(int)i]), i == root ? null : TreeMath.Sibling(i));
            }
        }
    }
}

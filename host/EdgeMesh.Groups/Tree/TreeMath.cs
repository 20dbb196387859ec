using System.Numerics;

namespace EdgeMesh.Groups.Tree
{
    /// <summary>
    /// Array-based binary tree arithmetic (RFC 9420 §4.1, Appendix C). Leaves sit at even
    /// indices, a node's level is its count of trailing one bits, and the tree always has a
    /// power-of-two number of leaves.
    /// </summary>
    internal static class TreeMath
    {
        public static uint Level(uint x) => (uint)BitOperations.TrailingZeroCount(~x);

        public static uint NodeWidth(uint leaves) => leaves == 0 ? 0 : 2 * (leaves - 1) + 1;

        public static uint Root(uint leaves)
        {
            uint width = NodeWidth(leaves);
            return (1u << (int)BitOperations.Log2(width)) - 1;
        }

        public static bool IsLeaf(uint x) => (x & 1) == 0;

        public static uint Left(uint x)
        {
            int k = (int)Level(x);
            return x ^ (1u << (k - 1));
        }

        public static uint Right(uint x)
        {
            int k = (int)Level(x);
            return x ^ (3u << (k - 1));
        }

        public static uint Parent(uint x)
        {
            int k = (int)Level(x);
            uint b = (x >> (k + 1)) & 1;
            return (x | (1u << k)) ^ (b << (k + 1));
        }

        public static uint Sibling(uint x)
        {
            uint p = Parent(x);
            return x < p ? Right(p) : Left(p);
        }

        public static uint LeafToNode(uint leaf) => 2 * leaf;

        public static uint NodeToLeaf(uint node) => node / 2;

        /// <summary>Whether <paramref name="x"/> lies in the subtree rooted at <paramref name="ancestor"/>.</summary>
        public static bool InSubtree(uint x, uint ancestor)
        {
            int k = (int)Level(ancestor);
            uint span = (1u << k) - 1;
            return x >= ancestor - span && x <= ancestor + span;
        }

        /// <summary>Lowest common ancestor of two leaf nodes (node indices).</summary>
        public static uint CommonAncestor(uint x, uint y)
        {
            if (x == y)
            {
                return x;
            }

            int k = 0;
            while (x != y)
            {
                x >>= 1;
                y >>= 1;
                k++;
            }

            return (x << k) + (1u << (k - 1)) - 1;
        }
    }
}

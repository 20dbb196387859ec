using System;
using System.Collections.Generic;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;

namespace EdgeMesh.Groups.Tree
{
    /// <summary>
    /// The public ratchet tree (RFC 9420 §7): leaves and parent nodes in array order, always with a
    /// power-of-two leaf count. Tree hashes are cached per node and invalidated along the path of
    /// every change, so a commit rehashes one path instead of the whole tree. Leaf and parent
    /// objects stored here are never mutated in place; changes replace them, so a clone is cheap.
    /// </summary>
    internal sealed class RatchetTree
    {
        /// <summary>Upper bound on leaves; a tree beyond it is refused rather than allocated.</summary>
        public const uint MaxLeaves = 1u << 16;

        private LeafNode?[] _leaves;
        private ParentNode?[] _parents;
        private byte[]?[] _hashes;

        private RatchetTree(uint leafCount)
        {
            _leaves = new LeafNode?[leafCount];
            _parents = new ParentNode?[TreeMath.NodeWidth(leafCount)];
            _hashes = new byte[]?[TreeMath.NodeWidth(leafCount)];
        }

        public uint LeafCount => (uint)_leaves.Length;

        public uint NodeWidth => TreeMath.NodeWidth(LeafCount);

        public uint Root => TreeMath.Root(LeafCount);

        public static RatchetTree WithOneLeaf(LeafNode leaf)
        {
            RatchetTree t = new RatchetTree(1);
            t._leaves[0] = leaf;
            return t;
        }

        public RatchetTree Clone()
        {
            RatchetTree t = new RatchetTree(0)
            {
                _leaves = (LeafNode?[])_leaves.Clone(),
                _parents = (ParentNode?[])_parents.Clone(),
                _hashes = (byte[]?[])_hashes.Clone(),
            };
            return t;
        }

        public LeafNode? Leaf(uint leaf) => leaf < LeafCount ? _leaves[leaf] : null;

        public ParentNode? Parent(uint node) => node < _parents.Length ? _parents[node] : null;

        public bool IsBlank(uint node) => TreeMath.IsLeaf(node) ? _leaves[node / 2] is null : _parents[node] is null;

        public byte[] PublicKeyAt(uint node)
            => TreeMath.IsLeaf(node) ? _leaves[node / 2]?.EncryptionKey ?? Array.Empty<byte>() : _parents[node]?.EncryptionKey ?? Array.Empty<byte>();

        private void Invalidate(uint node)
        {
            uint root = Root;
            while (true)
            {
                _hashes[node] = null;
                if (node == root)
                {
                    return;
                }

                node = TreeMath.Parent(node);
            }
        }

        public void SetLeaf(uint leaf, LeafNode? value)
        {
            _leaves[leaf] = value;
            Invalidate(2 * leaf);
        }

        public void SetParent(uint node, ParentNode? value)
        {
            _parents[node] = value;
            Invalidate(node);
        }

        // ---- Codec ----------------------------------------------------------------------------

        /// <summary>Decodes <c>optional&lt;Node&gt; ratchet_tree&lt;V&gt;</c>.</summary>
        public static MlsError TryDecode(ReadOnlySpan<byte> data, out RatchetTree tree)
        {
            TlsReader r = new TlsReader(data);
            tree = Read(ref r);
            r.ExpectEnd();
            return r.Error;
        }

        public static RatchetTree Read(ref TlsReader r)
        {
            List<object?> nodes = new List<object?>();
            TlsReader v = r.VarVector();
            while (v.Ok && !v.IsEmpty)
            {
                if (nodes.Count >= 2 * MaxLeaves)
                {
                    v.Fail(MlsError.TooLarge);
                    break;
                }

                if (!v.Optional())
                {
                    nodes.Add(null);
                    continue;
                }

                byte type = v.U8();
                bool leafPosition = (nodes.Count & 1) == 0;
                if (type == 1 && leafPosition)
                {
                    nodes.Add(LeafNode.Read(ref v));
                }
                else if (type == 2 && !leafPosition)
                {
                    nodes.Add(ParentNode.Read(ref v));
                }
                else
                {
                    v.Fail(MlsError.InvalidValue);
                }
            }

            r.Merge(v);
            if (!r.Ok)
            {
                return new RatchetTree(1);
            }

            // The encoding drops trailing blank nodes, so the last entry is a non-blank leaf.
            if (nodes.Count == 0 || (nodes.Count & 1) == 0 || nodes[nodes.Count - 1] is null)
            {
                r.Fail(MlsError.InvalidValue);
                return new RatchetTree(1);
            }

            uint usedLeaves = (uint)(nodes.Count + 1) / 2;
            uint leaves = 1;
            while (leaves < usedLeaves)
            {
                leaves <<= 1;
            }

            RatchetTree tree = new RatchetTree(leaves);
            for (int i = 0; i < nodes.Count; i++)
            {
                if ((i & 1) == 0)
                {
                    tree._leaves[i / 2] = (LeafNode?)nodes[i];
                }
                else
                {
                    tree._parents[i] = (ParentNode?)nodes[i];
                }
            }

            return tree;
        }

        public void Write(TlsWriter w)
        {
            int last = (int)NodeWidth - 1;
            while (last > 0 && IsBlank((uint)last))
            {
                last--;
            }

            int mark = w.BeginVector();
            for (uint i = 0; i <= last; i++)
            {
                if (IsBlank(i))
                {
                    w.U8(0);
                    continue;
                }

                w.U8(1);
                if (TreeMath.IsLeaf(i))
                {
                    w.U8(1);
                    _leaves[i / 2]!.Write(w);
                }
                else
                {
                    w.U8(2);
                    _parents[i]!.Write(w);
                }
            }

            w.EndVector(mark);
        }

        public byte[] Encode()
        {
            TlsWriter w = new TlsWriter(4096);
            Write(w);
            return w.ToArray();
        }

        // ---- Hashes ---------------------------------------------------------------------------

        public byte[] RootHash() => TreeHash(Root);

        public byte[] TreeHash(uint node)
        {
            byte[]? cached = _hashes[node];
            if (cached is not null)
            {
                return cached;
            }

            byte[] hash = ComputeHash(node, null);
            _hashes[node] = hash;
            return hash;
        }

        private byte[] ComputeHash(uint node, HashSet<uint>? excluded)
        {
            TlsWriter w = new TlsWriter(512);
            if (TreeMath.IsLeaf(node))
            {
                uint leaf = node / 2;
                LeafNode? value = excluded is not null && excluded.Contains(leaf) ? null : _leaves[leaf];
                w.U8(1);
                w.U32(leaf);
                w.Optional(value is not null);
                value?.Write(w);
                return Suite.Hash(w.Written);
            }

            byte[] left = excluded is null ? TreeHash(TreeMath.Left(node)) : ComputeHash(TreeMath.Left(node), excluded);
            byte[] right = excluded is null ? TreeHash(TreeMath.Right(node)) : ComputeHash(TreeMath.Right(node), excluded);
            ParentNode? parent = _parents[node];
            w.U8(2);
            w.Optional(parent is not null);
            if (parent is not null)
            {
                if (excluded is not null && parent.UnmergedLeaves.Exists(excluded.Contains))
                {
                    ParentNode trimmed = parent.Clone();
                    trimmed.UnmergedLeaves.RemoveAll(excluded.Contains);
                    trimmed.Write(w);
                }
                else
                {
                    parent.Write(w);
                }
            }

            w.VarBytes(left);
            w.VarBytes(right);
            return Suite.Hash(w.Written);
        }

        /// <summary>The tree hash of <paramref name="node"/> as if the leaves in <paramref name="excluded"/> were blank.</summary>
        public byte[] TreeHashExcluding(uint node, List<uint> excluded)
        {
            if (excluded.Count == 0)
            {
                return TreeHash(node);
            }

            return ComputeHash(node, new HashSet<uint>(excluded));
        }

        /// <summary>ParentHash of <paramref name="parent"/> as seen from its child opposite <paramref name="sibling"/>.</summary>
        public byte[] ParentHashOf(uint parent, uint sibling)
        {
            ParentNode p = _parents[parent]!;
            byte[] siblingHash = TreeHashExcluding(sibling, p.UnmergedLeaves);
            TlsWriter w = new TlsWriter(160);
            w.VarBytes(p.EncryptionKey);
            w.VarBytes(p.ParentHash);
            w.VarBytes(siblingHash);
            return Suite.Hash(w.Written);
        }

        // ---- Resolution and paths -------------------------------------------------------------

        public List<uint> Resolution(uint node)
        {
            List<uint> result = new List<uint>();
            AddResolution(node, result, null);
            return result;
        }

        public void AddResolution(uint node, List<uint> result, HashSet<uint>? excludedLeaves)
        {
            if (TreeMath.IsLeaf(node))
            {
                if (_leaves[node / 2] is not null && (excludedLeaves is null || !excludedLeaves.Contains(node / 2)))
                {
                    result.Add(node);
                }

                return;
            }

            ParentNode? p = _parents[node];
            if (p is not null)
            {
                result.Add(node);
                foreach (uint leaf in p.UnmergedLeaves)
                {
                    if (excludedLeaves is null || !excludedLeaves.Contains(leaf))
                    {
                        result.Add(2 * leaf);
                    }
                }

                return;
            }

            AddResolution(TreeMath.Left(node), result, excludedLeaves);
            AddResolution(TreeMath.Right(node), result, excludedLeaves);
        }

        private bool ResolutionEmpty(uint node)
        {
            if (TreeMath.IsLeaf(node))
            {
                return _leaves[node / 2] is null;
            }

            return _parents[node] is null && ResolutionEmpty(TreeMath.Left(node)) && ResolutionEmpty(TreeMath.Right(node));
        }

        /// <summary>The direct path of a leaf, bottom-up, each with its copath child.</summary>
        public List<(uint Node, uint Copath)> DirectPath(uint leaf)
        {
            List<(uint, uint)> path = new List<(uint, uint)>();
            uint node = 2 * leaf;
            uint root = Root;
            while (node != root)
            {
                uint parent = TreeMath.Parent(node);
                path.Add((parent, TreeMath.Sibling(node)));
                node = parent;
            }

            return path;
        }

        /// <summary>The direct path minus nodes whose copath child has an empty resolution.</summary>
        public List<(uint Node, uint Copath)> FilteredDirectPath(uint leaf)
        {
            List<(uint Node, uint Copath)> path = DirectPath(leaf);
            path.RemoveAll(p => ResolutionEmpty(p.Copath));
            return path;
        }

        public void BlankDirectPath(uint leaf)
        {
            foreach ((uint node, _) in DirectPath(leaf))
            {
                if (_parents[node] is not null)
                {
                    SetParent(node, null);
                }
            }
        }

        // ---- Validation -----------------------------------------------------------------------

        /// <summary>Every non-blank parent must be reachable by a parent-hash chain from a leaf (RFC 9420 §7.9.2).</summary>
        public bool VerifyParentHashes()
        {
            HashSet<uint> verified = new HashSet<uint>();
            for (uint leaf = 0; leaf < LeafCount; leaf++)
            {
                LeafNode? l = _leaves[leaf];
                if (l is null || l.Source != LeafNode.SourceCommit)
                {
                    continue;
                }

                byte[] expected = l.ParentHash;
                foreach ((uint node, uint copath) in DirectPath(leaf))
                {
                    ParentNode? p = _parents[node];
                    if (p is null)
                    {
                        continue;
                    }

                    if (!ParentHashOf(node, copath).AsSpan().SequenceEqual(expected))
                    {
                        break;
                    }

                    if (!verified.Add(node))
                    {
                        // Two chains may not claim one node.
                        return false;
                    }

                    expected = p.ParentHash;
                }
            }

            for (uint node = 1; node < NodeWidth; node += 2)
            {
                if (_parents[node] is not null && !verified.Contains(node))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Unmerged leaves must sit below their parent and appear in every non-blank ancestor between.</summary>
        public bool VerifyUnmergedLeaves()
        {
            for (uint node = 1; node < NodeWidth; node += 2)
            {
                ParentNode? p = _parents[node];
                if (p is null)
                {
                    continue;
                }

                foreach (uint leaf in p.UnmergedLeaves)
                {
                    if (leaf >= LeafCount || _leaves[leaf] is null || !TreeMath.InSubtree(2 * leaf, node))
                    {
                        return false;
                    }

                    uint x = TreeMath.Parent(2 * leaf);
                    while (x != node)
                    {
                        ParentNode? between = _parents[x];
                        if (between is not null && !between.UnmergedLeaves.Contains(leaf))
                        {
                            return false;
                        }

                        x = TreeMath.Parent(x);
                    }
                }
            }

            return true;
        }

        public bool VerifyLeafSignatures(ReadOnlySpan<byte> groupId)
        {
            for (uint leaf = 0; leaf < LeafCount; leaf++)
            {
                LeafNode? l = _leaves[leaf];
                if (l is not null && !l.VerifySignature(groupId, leaf))
                {
                    return false;
                }
            }

            return true;
        }

        // ---- Membership changes ---------------------------------------------------------------

        private void Resize(uint leaves)
        {
            LeafNode?[] newLeaves = new LeafNode?[leaves];
            ParentNode?[] newParents = new ParentNode?[TreeMath.NodeWidth(leaves)];
            uint keepLeaves = Math.Min(leaves, LeafCount);
            Array.Copy(_leaves, newLeaves, keepLeaves);
            Array.Copy(_parents, newParents, Math.Min(newParents.Length, _parents.Length));
            _leaves = newLeaves;
            _parents = newParents;
            _hashes = new byte[]?[newParents.Length];
        }

        /// <summary>Adds a leaf at the leftmost blank slot (growing the tree if full) and marks it unmerged above.</summary>
        public uint AddLeaf(LeafNode leaf)
        {
            uint index = 0;
            while (index < LeafCount && _leaves[index] is not null)
            {
                index++;
            }

            if (index == LeafCount)
            {
                if (LeafCount >= MaxLeaves)
                {
                    return uint.MaxValue;
                }

                Resize(LeafCount * 2);
            }

            SetLeaf(index, leaf);
            foreach ((uint node, _) in DirectPath(index))
            {
                ParentNode? p = _parents[node];
                if (p is not null)
                {
                    ParentNode copy = p.Clone();
                    copy.UnmergedLeaves.Add(index);
                    SetParent(node, copy);
                }
            }

            return index;
        }

        public void RemoveLeaf(uint leaf)
        {
            SetLeaf(leaf, null);
            BlankDirectPath(leaf);
        }

        public void UpdateLeaf(uint leaf, LeafNode value)
        {
            SetLeaf(leaf, value);
            BlankDirectPath(leaf);
        }

        /// <summary>Halves the tree while its right half is entirely blank.</summary>
        public void Truncate()
        {
            while (LeafCount > 1)
            {
                uint half = LeafCount / 2;
                bool rightBlank = true;
                for (uint i = half; i < LeafCount && rightBlank; i++)
                {
                    rightBlank = _leaves[i] is null;
                }

                if (!rightBlank)
                {
                    return;
                }

                Resize(half);
            }
        }

        public int MemberCount()
        {
            int count = 0;
            foreach (LeafNode? l in _leaves)
            {
                if (l is not null)
                {
                    count++;
                }
            }

            return count;
        }
    }
}

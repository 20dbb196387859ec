using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Tree
{
    /// <summary>
    /// A member's private view of the ratchet tree: the HPKE private keys it holds, by node index
    /// (its own leaf and the parents on its direct path it learned). Keys are zeroed when replaced,
    /// removed or disposed.
    /// </summary>
    internal sealed class PathKeys : IDisposable
    {
        private readonly Dictionary<uint, byte[]> _keys = new Dictionary<uint, byte[]>();

        public PathKeys(uint leaf)
        {
            Leaf = leaf;
        }

        public uint Leaf { get; set; }

        public int Count => _keys.Count;

        public bool TryGet(uint node, out byte[] key) => _keys.TryGetValue(node, out key!);

        public void Set(uint node, byte[] key)
        {
            Remove(node);
            _keys[node] = key;
        }

        public void Remove(uint node)
        {
            if (_keys.Remove(node, out byte[]? old))
            {
                CryptographicOperations.ZeroMemory(old);
            }
        }

        /// <summary>Sets a node's key from its path secret; fails if it does not match the tree's public key.</summary>
        public bool SetFromPathSecret(RatchetTree tree, uint node, ReadOnlySpan<byte> pathSecret)
        {
            byte[] nodeSecret = Suite.DeriveSecret(pathSecret, "node");
            byte[] priv = Hpke.DeriveKeyPair(nodeSecret, out byte[] pub);
            CryptographicOperations.ZeroMemory(nodeSecret);
            if (!pub.AsSpan().SequenceEqual(tree.PublicKeyAt(node)))
            {
                CryptographicOperations.ZeroMemory(priv);
                return false;
            }

            Set(node, priv);
            return true;
        }

        /// <summary>Drops keys for nodes that are blank now or no longer carry the public key we hold.</summary>
        public void Prune(RatchetTree tree)
        {
            List<uint> stale = new List<uint>();
            foreach (KeyValuePair<uint, byte[]> kv in _keys)
            {
                if (kv.Key >= tree.NodeWidth || tree.IsBlank(kv.Key))
                {
                    stale.Add(kv.Key);
                }
            }

            foreach (uint node in stale)
            {
                Remove(node);
            }
        }

        public PathKeys Clone()
        {
            PathKeys copy = new PathKeys(Leaf);
            foreach (KeyValuePair<uint, byte[]> kv in _keys)
            {
                copy._keys[kv.Key] = (byte[])kv.Value.Clone();
            }

            return copy;
        }

        public void Dispose()
        {
            foreach (byte[] key in _keys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            _keys.Clear();
        }
    }
}

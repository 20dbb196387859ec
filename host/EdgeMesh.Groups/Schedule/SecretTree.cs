using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Schedule
{
    /// <summary>
    /// The secret tree (RFC 9420 §9): per-leaf handshake and application hash ratchets derived
    /// lazily from the epoch's encryption secret. Interior secrets are erased as soon as both
    /// children exist, ratchet secrets move forward and erase the old value, and a bounded window
    /// of skipped keys (<see cref="MaxSkipped"/>) serves out-of-order messages; each key is
    /// handed out once.
    /// </summary>
    internal sealed class SecretTree : IDisposable
    {
        /// <summary>How far ahead of the ratchet a generation may be (keys derived and kept for later).</summary>
        public const uint MaxForward = 1024;

        /// <summary>Skipped keys kept per ratchet; older ones are dropped (and counted).</summary>
        public const int MaxSkipped = 64;

        private readonly byte[]?[] _nodes;
        private readonly Ratchet?[] _handshake;
        private readonly Ratchet?[] _application;

        public SecretTree(byte[] encryptionSecret, uint leafCount)
        {
            uint leaves = 1;
            while (leaves < leafCount)
            {
                leaves <<= 1;
            }

            LeafCount = leaves;
            _nodes = new byte[]?[TreeMath.NodeWidth(leaves)];
            _nodes[TreeMath.Root(leaves)] = (byte[])encryptionSecret.Clone();
            _handshake = new Ratchet?[leaves];
            _application = new Ratchet?[leaves];
        }

        public uint LeafCount { get; }

        /// <summary>Keys dropped from the skipped window since creation.</summary>
        public long DroppedSkippedKeys { get; private set; }

        private byte[] LeafSecret(uint leaf)
        {
            uint target = 2 * leaf;
            byte[]? existing = _nodes[target];
            if (existing is not null)
            {
                return existing;
            }

            // Walk down from the lowest ancestor that still holds a secret.
            List<uint> path = new List<uint>();
            uint node = target;
            uint root = TreeMath.Root(LeafCount);
            while (_nodes[node] is null && node != root)
            {
                path.Add(node);
                node = TreeMath.Parent(node);
            }

            for (int i = path.Count - 1; i >= 0; i--)
            {
                uint parent = node;
                byte[] secret = _nodes[parent]!;
                uint left = TreeMath.Left(parent);
                uint right = TreeMath.Right(parent);
                _nodes[left] ??= Suite.ExpandWithLabel(secret, "tree", "left"u8, Suite.Nh);
                _nodes[right] ??= Suite.ExpandWithLabel(secret, "tree", "right"u8, Suite.Nh);
                CryptographicOperations.ZeroMemory(secret);
                _nodes[parent] = Array.Empty<byte>();
                node = path[i];
            }

            return _nodes[target]!;
        }

        private Ratchet RatchetFor(uint leaf, bool handshake)
        {
            Ratchet?[] set = handshake ? _handshake : _application;
            Ratchet? r = set[leaf];
            if (r is null)
            {
                byte[] leafSecret = LeafSecret(leaf);
                _handshake[leaf] = new Ratchet(Suite.ExpandWithLabel(leafSecret, "handshake", default, Suite.Nh));
                _application[leaf] = new Ratchet(Suite.ExpandWithLabel(leafSecret, "application", default, Suite.Nh));
                CryptographicOperations.ZeroMemory(leafSecret);
                _nodes[2 * leaf] = Array.Empty<byte>();
                r = set[leaf]!;
            }

            return r;
        }

        /// <summary>The key and nonce for a received message; each generation can be taken once.</summary>
        public MlsError Take(uint leaf, bool handshake, uint generation, out byte[] key, out byte[] nonce)
        {
            key = Array.Empty<byte>();
            nonce = Array.Empty<byte>();
            if (leaf >= LeafCount)
            {
                return MlsError.BadSender;
            }

            Ratchet r = RatchetFor(leaf, handshake);
            MlsError error = r.Take(generation, out key, out nonce, out int dropped);
            DroppedSkippedKeys += dropped;
            return error;
        }

        /// <summary>The next generation for sending.</summary>
        public uint Next(uint leaf, bool handshake, out byte[] key, out byte[] nonce)
        {
            Ratchet r = RatchetFor(leaf, handshake);
            uint generation = r.Generation;
            r.Take(generation, out key, out nonce, out _);
            return generation;
        }

        public void Dispose()
        {
            foreach (byte[]? n in _nodes)
            {
                if (n is not null)
                {
                    CryptographicOperations.ZeroMemory(n);
                }
            }

            foreach (Ratchet? r in _handshake)
            {
                r?.Dispose();
            }

            foreach (Ratchet? r in _application)
            {
                r?.Dispose();
            }
        }

        private sealed class Ratchet : IDisposable
        {
            private readonly Queue<(uint Generation, byte[] Key, byte[] Nonce)> _skipped = new Queue<(uint, byte[], byte[])>();
            private byte[] _secret;

            public Ratchet(byte[] secret)
            {
                _secret = secret;
            }

            public uint Generation { get; private set; }

            private void Advance(out byte[] key, out byte[] nonce)
            {
                key = Suite.DeriveTreeSecret(_secret, "key", Generation, Suite.Nk);
                nonce = Suite.DeriveTreeSecret(_secret, "nonce", Generation, Suite.Nn);
                byte[] next = Suite.DeriveTreeSecret(_secret, "secret", Generation, Suite.Nh);
                CryptographicOperations.ZeroMemory(_secret);
                _secret = next;
                Generation++;
            }

            public MlsError Take(uint generation, out byte[] key, out byte[] nonce, out int dropped)
            {
                dropped = 0;
                key = Array.Empty<byte>();
                nonce = Array.Empty<byte>();
                if (generation < Generation)
                {
                    int count = _skipped.Count;
                    for (int i = 0; i < count; i++)
                    {
                        (uint g, byte[] k, byte[] n) = _skipped.Dequeue();
                        if (g == generation)
                        {
                            key = k;
                            nonce = n;
                        }
                        else
                        {
                            _skipped.Enqueue((g, k, n));
                        }
                    }

                    return key.Length == 0 ? MlsError.Generation : MlsError.None;
                }

                if (generation - Generation > MaxForward)
                {
                    return MlsError.Generation;
                }

                while (Generation < generation)
                {
                    Advance(out byte[] k, out byte[] n);
                    _skipped.Enqueue((Generation - 1, k, n));
                    if (_skipped.Count > MaxSkipped)
                    {
                        (_, byte[] oldKey, _) = _skipped.Dequeue();
                        CryptographicOperations.ZeroMemory(oldKey);
                        dropped++;
                    }
                }

                Advance(out key, out nonce);
                return MlsError.None;
            }

            public void Dispose()
            {
                CryptographicOperations.ZeroMemory(_secret);
                foreach ((_, byte[] k, _) in _skipped)
                {
                    CryptographicOperations.ZeroMemory(k);
                }

                _skipped.Clear();
            }
        }
    }
}

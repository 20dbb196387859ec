using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;

namespace EdgeMesh.Groups.Tree
{
    /// <summary>
    /// TreeKEM (RFC 9420 §7.4–7.6): merging an UpdatePath into the public tree, decrypting the path
    /// secret meant for us, and creating a fresh UpdatePath when we commit.
    /// </summary>
    internal static class TreeKem
    {
        /// <summary>Encryptions per commit from which they are spread over the thread pool.</summary>
        public const int ParallelThreshold = 8;

        /// <summary>
        /// Merges the public part of <paramref name="path"/> from <paramref name="sender"/>: new parent keys
        /// on its filtered direct path (the rest blanked), parent hashes checked against the new leaf,
        /// and the leaf's signature checked.
        /// </summary>
        public static MlsError MergePublic(RatchetTree tree, uint sender, UpdatePath path, ReadOnlySpan<byte> groupId)
        {
            List<(uint Node, uint Copath)> filtered = tree.FilteredDirectPath(sender);
            if (path.Nodes.Count != filtered.Count)
            {
                return MlsError.InvalidValue;
            }

            LeafNode leaf = path.LeafNode;
            if (leaf.Source != LeafNode.SourceCommit)
            {
                return MlsError.InvalidValue;
            }

            if (!leaf.VerifySignature(groupId, sender))
            {
                return MlsError.BadSignature;
            }

            byte[] expected = SetPath(tree, sender, filtered, path.Nodes.ConvertAll(n => n.EncryptionKey));
            if (!expected.AsSpan().SequenceEqual(leaf.ParentHash))
            {
                return MlsError.BadTree;
            }

            tree.SetLeaf(sender, leaf);
            return MlsError.None;
        }

        /// <summary>Writes the new parent nodes top-down with their parent hashes; returns the hash the leaf must carry.</summary>
        private static byte[] SetPath(RatchetTree tree, uint sender, List<(uint Node, uint Copath)> filtered, List<byte[]> keys)
        {
            tree.BlankDirectPath(sender);
            byte[] parentHash = Array.Empty<byte>();
            for (int i = filtered.Count - 1; i >= 0; i--)
            {
                (uint node, uint copath) = filtered[i];
                tree.SetParent(node, new ParentNode { EncryptionKey = keys[i], ParentHash = parentHash });
                parentHash = tree.ParentHashOf(node, copath);
            }

            return parentHash;
        }

        /// <summary>
        /// Decrypts the path secret meant for us from a merged tree and derives every key above it.
        /// <paramref name="joiners"/> are leaves added by the same commit (they get the secret by Welcome instead).
        /// </summary>
        public static MlsError DecryptPath(RatchetTree tree, uint sender, UpdatePath path, PathKeys mine, HashSet<uint> joiners, ReadOnlySpan<byte> provisionalContext, out byte[] commitSecret, out byte[] pathSecretUsed)
        {
            commitSecret = Array.Empty<byte>();
            pathSecretUsed = Array.Empty<byte>();
            List<(uint Node, uint Copath)> filtered = tree.FilteredDirectPath(sender);
            uint myNode = 2 * mine.Leaf;
            for (int i = 0; i < filtered.Count; i++)
            {
                (uint node, uint copath) = filtered[i];
                if (!TreeMath.InSubtree(myNode, copath))
                {
                    continue;
                }

                List<uint> resolution = new List<uint>();
                tree.AddResolution(copath, resolution, joiners);
                List<HpkeCiphertext> ciphertexts = path.Nodes[i].EncryptedPathSecret;
                if (ciphertexts.Count != resolution.Count)
                {
                    return MlsError.InvalidValue;
                }

                for (int k = 0; k < resolution.Count; k++)
                {
                    uint holder = resolution[k];
                    if (!TreeMath.InSubtree(myNode, holder) || !mine.TryGet(holder, out byte[] priv))
                    {
                        continue;
                    }

                    HpkeCiphertext ct = ciphertexts[k];
                    MlsError error = Suite.DecryptWithLabel(priv, "UpdatePathNode", provisionalContext, ct.KemOutput, ct.Ciphertext, out byte[] secret);
                    if (error != MlsError.None)
                    {
                        return error;
                    }

                    pathSecretUsed = (byte[])secret.Clone();
                    return DeriveUp(tree, filtered, i, secret, mine, out commitSecret);
                }

                return MlsError.NotFound;
            }

            return MlsError.NotFound;
        }

        /// <summary>From the path secret of filtered[start], sets private keys up to the root and returns the commit secret.</summary>
        public static MlsError DeriveUp(RatchetTree tree, List<(uint Node, uint Copath)> filtered, int start, byte[] pathSecret, PathKeys mine, out byte[] commitSecret)
        {
            int count = filtered.Count - start;
            byte[][] secrets = new byte[count][];
            for (int j = 0; j < count; j++)
            {
                secrets[j] = pathSecret;
                pathSecret = Suite.DeriveSecret(pathSecret, "path");
            }

            commitSecret = pathSecret;

            // Each node's key pair costs a scalar multiplication and they do not depend on each
            // other, so a long path derives them in parallel before checking them in order.
            byte[][] privates = new byte[count][];
            byte[][] publics = new byte[count][];
            void Derive(int j)
            {
                byte[] nodeSecret = Suite.DeriveSecret(secrets[j], "node");
                privates[j] = Hpke.DeriveKeyPair(nodeSecret, out publics[j]);
                CryptographicOperations.ZeroMemory(nodeSecret);
            }

            if (count >= 4 && Environment.ProcessorCount > 1)
            {
                System.Threading.Tasks.Parallel.For(0, count, Derive);
            }
            else
            {
                for (int j = 0; j < count; j++)
                {
                    Derive(j);
                }
            }

            MlsError result = MlsError.None;
            for (int j = 0; j < count; j++)
            {
                CryptographicOperations.ZeroMemory(secrets[j]);
                if (result == MlsError.None && publics[j].AsSpan().SequenceEqual(tree.PublicKeyAt(filtered[start + j].Node)))
                {
                    mine.Set(filtered[start + j].Node, privates[j]);
                }
                else
                {
                    result = MlsError.BadKey;
                    CryptographicOperations.ZeroMemory(privates[j]);
                }
            }

            if (result != MlsError.None)
            {
                CryptographicOperations.ZeroMemory(commitSecret);
                commitSecret = Array.Empty<byte>();
            }

            return result;
        }

        /// <summary>
        /// Creates an UpdatePath for <paramref name="sender"/>: fresh leaf key, path secrets up the filtered
        /// direct path, the merged tree, and each path secret sealed to its copath resolution. The
        /// context for encryption depends on the merged tree's hash, so the caller supplies it.
        /// </summary>
        public static UpdatePath Create(
            RatchetTree tree,
            uint sender,
            LeafNode leafTemplate,
            ReadOnlySpan<byte> signaturePrivate,
            ReadOnlySpan<byte> groupId,
            HashSet<uint> joiners,
            Func<byte[], byte[]> provisionalContextForTreeHash,
            PathKeys mine,
            out byte[] commitSecret,
            out List<(uint Node, byte[] PathSecret)> pathSecrets,
            byte[]? leafSecretForTests = null)
        {
            List<(uint Node, uint Copath)> filtered = tree.FilteredDirectPath(sender);
            byte[] leafSecret = leafSecretForTests ?? RandomNumberGenerator.GetBytes(Suite.Nh);
            byte[] leafNodeSecret = Suite.DeriveSecret(leafSecret, "node");
            byte[] leafPriv = Hpke.DeriveKeyPair(leafNodeSecret, out byte[] leafPub);
            CryptographicOperations.ZeroMemory(leafNodeSecret);

            pathSecrets = new List<(uint, byte[])>();
            List<byte[]> publicKeys = new List<byte[]>();
            byte[] secret = Suite.DeriveSecret(leafSecret, "path");
            CryptographicOperations.ZeroMemory(leafSecret);
            PathKeys fresh = new PathKeys(sender);
            fresh.Set(2 * sender, leafPriv);
            foreach ((uint node, _) in filtered)
            {
                pathSecrets.Add((node, secret));
                byte[] nodeSecret = Suite.DeriveSecret(secret, "node");
                byte[] priv = Hpke.DeriveKeyPair(nodeSecret, out byte[] pub);
                CryptographicOperations.ZeroMemory(nodeSecret);
                fresh.Set(node, priv);
                publicKeys.Add(pub);
                secret = Suite.DeriveSecret(secret, "path");
            }

            commitSecret = secret;
            byte[] parentHash = SetPath(tree, sender, filtered, publicKeys);
            LeafNode leaf = leafTemplate.Clone();
            leaf.EncryptionKey = leafPub;
            leaf.Source = LeafNode.SourceCommit;
            leaf.ParentHash = parentHash;
            leaf.Sign(signaturePrivate, groupId, sender);
            tree.SetLeaf(sender, leaf);

            byte[] context = provisionalContextForTreeHash(tree.RootHash());
            byte[] keySchedule = Hpke.KeyScheduleContext(Suite.EncryptContext("UpdatePathNode", context));
            UpdatePath path = new UpdatePath { LeafNode = leaf };
            List<(int Node, byte[] PublicKey)> jobs = new List<(int, byte[])>();
            List<uint> resolution = new List<uint>();
            for (int i = 0; i < filtered.Count; i++)
            {
                path.Nodes.Add(new UpdatePathNode { EncryptionKey = publicKeys[i] });
                resolution.Clear();
                tree.AddResolution(filtered[i].Copath, resolution, joiners);
                foreach (uint holder in resolution)
                {
                    jobs.Add((i, tree.PublicKeyAt(holder)));
                }
            }

            // One HPKE encapsulation per resolution member dominates a commit; they are independent,
            // so they run on the thread pool when there are enough of them to pay for it.
            HpkeCiphertext[] sealedSecrets = new HpkeCiphertext[jobs.Count];
            List<(uint Node, byte[] PathSecret)> secrets = pathSecrets;
            void Seal(int j) => sealedSecrets[j] = Hpke.SealWithContext(jobs[j].PublicKey, keySchedule, secrets[jobs[j].Node].PathSecret);
            if (jobs.Count >= ParallelThreshold && Environment.ProcessorCount > 1)
            {
                System.Threading.Tasks.Parallel.For(0, jobs.Count, Seal);
            }
            else
            {
                for (int j = 0; j < jobs.Count; j++)
                {
                    Seal(j);
                }
            }

            for (int j = 0; j < jobs.Count; j++)
            {
                path.Nodes[jobs[j].Node].EncryptedPathSecret.Add(sealedSecrets[j]);
            }

            // Our old keys on this path are superseded; keep keys elsewhere (none exist for a direct path, but stay tidy).
            foreach ((uint node, _) in tree.DirectPath(sender))
            {
                mine.Remove(node);
            }

            mine.Remove(2 * sender);
            foreach ((uint node, _) in filtered)
            {
                fresh.TryGet(node, out byte[] k);
                mine.Set(node, (byte[])k.Clone());
            }

            fresh.TryGet(2 * sender, out byte[] lk);
            mine.Set(2 * sender, (byte[])lk.Clone());
            fresh.Dispose();
            return path;
        }
    }
}

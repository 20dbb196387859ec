using System.Text.Json;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class TreeKemVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("treekem");

        [Theory]
        [MemberData(nameof(Cases))]
        public void Treekem(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            Assert.Equal(MlsError.None, RatchetTree.TryDecode(v.Hex("ratchet_tree"), out RatchetTree tree));
            byte[] groupId = v.Hex("group_id");
            GroupContext Context(byte[] treeHash) => new GroupContext
            {
                GroupId = groupId,
                Epoch = v.GetProperty("epoch").GetUInt64(),
                TreeHash = treeHash,
                ConfirmedTranscriptHash = v.Hex("confirmed_transcript_hash"),
            };

            Dictionary<uint, (PathKeys Keys, byte[] SignaturePrivate)> privates = new Dictionary<uint, (PathKeys, byte[])>();
            foreach (JsonElement p in v.GetProperty("leaves_private").EnumerateArray())
            {
                uint leaf = p.GetProperty("index").GetUInt32();
                PathKeys keys = new PathKeys(leaf);
                byte[] encPriv = p.Hex("encryption_priv");
                Assert.Equal(tree.Leaf(leaf)!.EncryptionKey, Crypto.Hpke.PublicKeyOf(encPriv));
                keys.Set(2 * leaf, encPriv);
                foreach (JsonElement ps in p.GetProperty("path_secrets").EnumerateArray())
                {
                    uint node = ps.GetProperty("node").GetUInt32();
                    Assert.False(tree.IsBlank(node));
                    Assert.True(keys.SetFromPathSecret(tree, node, ps.Hex("path_secret")));
                }

                privates[leaf] = (keys, p.Hex("signature_priv"));
            }

            foreach (JsonElement u in v.GetProperty("update_paths").EnumerateArray())
            {
                uint sender = u.GetProperty("sender").GetUInt32();
                TlsReader r = new TlsReader(u.Hex("update_path"));
                UpdatePath path = UpdatePath.Read(ref r);
                r.ExpectEnd();
                Assert.True(r.Ok);

                RatchetTree merged = tree.Clone();
                Assert.Equal(MlsError.None, TreeKem.MergePublic(merged, sender, path, groupId));
                Assert.Equal(u.Hex("tree_hash_after"), merged.RootHash());
                Assert.True(merged.VerifyParentHashes());
                byte[] context = Context(merged.RootHash()).Encode();

                JsonElement expectedSecrets = u.GetProperty("path_secrets");
                foreach ((uint leaf, (PathKeys keys, _)) in privates)
                {
                    if (leaf == sender)
                    {
                        continue;
                    }

                    using PathKeys copy = keys.Clone();
                    Assert.Equal(MlsError.None, TreeKem.DecryptPath(merged, sender, path, copy, new HashSet<uint>(), context, out byte[] commitSecret, out byte[] used));
                    Assert.Equal(Convert.FromHexString(expectedSecrets[(int)leaf].GetString()!), used);
                    Assert.Equal(u.Hex("commit_secret"), commitSecret);
                }

                // Our own UpdatePath from the same sender must be decryptable by every other member.
                RatchetTree created = tree.Clone();
                using PathKeys senderKeys = privates[sender].Keys.Clone();
                UpdatePath mine = TreeKem.Create(created, sender, tree.Leaf(sender)!, privates[sender].SignaturePrivate, groupId, new HashSet<uint>(), h => Context(h).Encode(), senderKeys, out byte[] newCommitSecret, out _);
                Assert.True(created.VerifyParentHashes());
                byte[] newContext = Context(created.RootHash()).Encode();
                TlsWriter w = new TlsWriter();
                mine.Write(w);
                TlsReader back = new TlsReader(w.Written);
                UpdatePath decoded = UpdatePath.Read(ref back);
                Assert.True(back.Ok);
                foreach ((uint leaf, (PathKeys keys, _)) in privates)
                {
                    if (leaf == sender)
                    {
                        continue;
                    }

                    RatchetTree receiverTree = tree.Clone();
                    Assert.Equal(MlsError.None, TreeKem.MergePublic(receiverTree, sender, decoded, groupId));
                    Assert.Equal(created.RootHash(), receiverTree.RootHash());
                    using PathKeys copy = keys.Clone();
                    Assert.Equal(MlsError.None, TreeKem.DecryptPath(receiverTree, sender, decoded, copy, new HashSet<uint>(), newContext, out byte[] cs, out _));
                    Assert.Equal(newCommitSecret, cs);
                }
            }

            foreach ((PathKeys keys, _) in privates.Values)
            {
                keys.Dispose();
            }
        }
    }
}

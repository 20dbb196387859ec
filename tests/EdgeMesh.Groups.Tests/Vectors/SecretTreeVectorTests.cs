using System.Text.Json;
using EdgeMesh.Groups.Codec;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;
using EdgeMesh.Groups.Schedule;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class SecretTreeVectorTests
    {
        public static IEnumerable<object[]> SecretTreeCases() => VectorFolder.Cases("secret-tree");

        public static IEnumerable<object[]> ProtectionCases() => VectorFolder.Cases("message-protection");

        [Theory]
        [MemberData(nameof(SecretTreeCases))]
        public void Secret_tree(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            JsonElement sd = v.GetProperty("sender_data");
            Assert.Equal(sd.Hex("key"), Framing.SenderDataKey(sd.Hex("sender_data_secret"), sd.Hex("ciphertext")));
            Assert.Equal(sd.Hex("nonce"), Framing.SenderDataNonce(sd.Hex("sender_data_secret"), sd.Hex("ciphertext")));
            JsonElement leaves = v.GetProperty("leaves");
            using SecretTree tree = new SecretTree(v.Hex("encryption_secret"), (uint)leaves.GetArrayLength());
            for (uint i = 0; i < leaves.GetArrayLength(); i++)
            {
                foreach (JsonElement g in leaves[(int)i].EnumerateArray())
                {
                    uint generation = g.GetProperty("generation").GetUInt32();
                    Assert.Equal(MlsError.None, tree.Take(i, true, generation, out byte[] hk, out byte[] hn));
                    Assert.Equal(g.Hex("handshake_key"), hk);
                    Assert.Equal(g.Hex("handshake_nonce"), hn);
                    Assert.Equal(MlsError.None, tree.Take(i, false, generation, out byte[] ak, out byte[] an));
                    Assert.Equal(g.Hex("application_key"), ak);
                    Assert.Equal(g.Hex("application_nonce"), an);
                    // A key is handed out once: replay of the same generation is refused.
                    Assert.Equal(MlsError.Generation, tree.Take(i, false, generation, out _, out _));
                }
            }
        }

        [Theory]
        [MemberData(nameof(ProtectionCases))]
        public void Message_protection(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            GroupContext context = new GroupContext
            {
                GroupId = v.Hex("group_id"),
                Epoch = v.GetProperty("epoch").GetUInt64(),
                TreeHash = v.Hex("tree_hash"),
                ConfirmedTranscriptHash = v.Hex("confirmed_transcript_hash"),
            };
            byte[] gc = context.Encode();
            byte[] membershipKey = v.Hex("membership_key");
            byte[] sigPub = v.Hex("signature_pub");
            byte[] sigPriv = v.Hex("signature_priv");
            byte[] senderData = v.Hex("sender_data_secret");

            foreach (string kind in new[] { "proposal", "commit", "application" })
            {
                byte[] raw = v.Hex(kind);
                if (kind != "application")
                {
                    Assert.Equal(MlsError.None, MlsMessage.TryDecode(v.Hex(kind + "_pub"), out MlsMessage pub));
                    Assert.Equal(MlsError.None, Framing.VerifyPublic(pub.Public!, gc, membershipKey, sigPub));
                    Assert.Equal(raw, Body(pub.Public!.Content));
                }

                FramedContent content = new FramedContent
                {
                    GroupId = context.GroupId,
                    Epoch = context.Epoch,
                    Sender = new Sender(Sender.Member, 1),
                    ContentType = kind == "proposal" ? ContentType.Proposal : kind == "commit" ? ContentType.Commit : ContentType.Application,
                };
                TlsReader r = new TlsReader(raw);
                if (kind == "application")
                {
                    content.ApplicationData = raw;
                }
                else if (kind == "proposal")
                {
                    content.Proposal = Proposal.Read(ref r);
                }
                else
                {
                    content.Commit = Commit.Read(ref r);
                }

                Assert.True(r.Ok);
                byte[]? tag = kind == "commit" ? new byte[32] : null;
                MlsError protect = Framing.ProtectPublic(content, sigPriv, gc, membershipKey, tag, out PublicMessage mine);
                if (kind == "application")
                {
                    Assert.Equal(MlsError.InvalidValue, protect);
                }
                else
                {
                    Assert.Equal(MlsError.None, protect);
                    Assert.Equal(MlsError.None, Framing.VerifyPublic(mine, gc, membershipKey, sigPub));
                    mine.MembershipTag[0] ^= 1;
                    Assert.Equal(MlsError.BadMac, Framing.VerifyPublic(mine, gc, membershipKey, sigPub));
                }

                using (SecretTree tree = new SecretTree(v.Hex("encryption_secret"), 2))
                {
                    Assert.Equal(MlsError.None, MlsMessage.TryDecode(v.Hex(kind + "_priv"), out MlsMessage priv));
                    Assert.Equal(MlsError.None, Framing.Decrypt(priv.Private!, tree, senderData, out AuthenticatedContent ac));
                    Assert.True(ac.VerifySignature(sigPub, gc));
                    Assert.Equal(raw, Body(ac.Content));
                }

                using (SecretTree sending = new SecretTree(v.Hex("encryption_secret"), 2))
                using (SecretTree receiving = new SecretTree(v.Hex("encryption_secret"), 2))
                {
                    FramedContentAuthData auth = new FramedContentAuthData
                    {
                        Signature = Framing.Sign(sigPriv, WireFormat.PrivateMessage, content, gc),
                        ConfirmationTag = tag ?? Array.Empty<byte>(),
                    };
                    PrivateMessage sealedMessage = Framing.Encrypt(content, auth, sending, senderData, 7);
                    Assert.Equal(MlsError.None, Framing.Decrypt(sealedMessage, receiving, senderData, out AuthenticatedContent back));
                    Assert.True(back.VerifySignature(sigPub, gc));
                    Assert.Equal(raw, Body(back.Content));
                }
            }
        }

        private static byte[] Body(FramedContent c)
        {
            if (c.ContentType == ContentType.Application)
            {
                return c.ApplicationData;
            }

            TlsWriter w = new TlsWriter();
            if (c.ContentType == ContentType.Proposal)
            {
                c.Proposal!.Write(w);
            }
            else
            {
                c.Commit!.Write(w);
            }

            return w.ToArray();
        }
    }
}

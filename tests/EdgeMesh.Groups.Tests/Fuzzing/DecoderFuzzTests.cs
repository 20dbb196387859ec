using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;
using EdgeMesh.Groups.Tests.Protocol;
using EdgeMesh.Groups.Tests.Vectors;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Fuzzing
{
    /// <summary>
    /// Mutation fuzzing of everything that takes untrusted bytes: the MLSMessage and ratchet-tree
    /// decoders, message processing by a live member, and joining from a Welcome. Nothing may
    /// throw; decoded messages must re-encode to the same bytes (the codec is canonical).
    /// </summary>
    public sealed class DecoderFuzzTests
    {
        private static List<byte[]> VectorSamples(params string[] fields)
        {
            List<byte[]> samples = new List<byte[]>();
            if (VectorFolder.Path is null)
            {
                return samples;
            }

            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(VectorFolder.Path, "messages.json")));
            foreach (JsonElement e in doc.RootElement.EnumerateArray().Take(12))
            {
                foreach (string f in fields)
                {
                    samples.Add(e.Hex(f));
                }
            }

            return samples;
        }

        [Fact]
        public void MlsMessage_decoder_never_throws_and_is_canonical()
        {
            List<GroupState> members = GroupTestKit.Group(3, encryptHandshake: false);
            List<byte[]> samples = VectorSamples("mls_welcome", "mls_group_info", "mls_key_package", "public_message_proposal", "public_message_commit", "private_message");
            Assert.Equal(MlsError.None, members[0].CreateCommit(new List<Proposal>(), true, out PendingCommit? pending));
            samples.Add(pending!.Message);
            members[0].DiscardPending();
            samples.Add(members[1].EncryptApplication(Encoding.UTF8.GetBytes("sample"), default));
            Mutator mutator = new Mutator(17, samples);
            int accepted = 0;
            for (int i = 0; i < 30000; i++)
            {
                byte[] input = mutator.Next();
                if (MlsMessage.TryDecode(input, out MlsMessage m) == MlsError.None)
                {
                    accepted++;
                    Assert.Equal(input, m.Encode());
                }
            }

            Assert.True(accepted > 0);
        }

        [Fact]
        public void Ratchet_tree_decoder_and_checks_never_throw()
        {
            List<byte[]> samples = VectorSamples("ratchet_tree");
            List<GroupState> members = GroupTestKit.Group(5);
            samples.Add(members[0].Tree.Encode());
            Mutator mutator = new Mutator(23, samples);
            for (int i = 0; i < 3000; i++)
            {
                if (RatchetTree.TryDecode(mutator.Next(), out RatchetTree tree) == MlsError.None)
                {
                    if (tree.VerifyUnmergedLeaves())
                    {
                        tree.RootHash();
                        tree.VerifyParentHashes();
                        tree.Resolution(tree.Root);
                    }
                }
            }
        }

        [Fact]
        public void Processing_hostile_messages_never_throws_or_moves_the_epoch_wrongly()
        {
            foreach (bool encrypt in new[] { true, false })
            {
                List<GroupState> members = GroupTestKit.Group(4, encrypt);
                List<byte[]> samples = new List<byte[]>();
                Assert.Equal(MlsError.None, members[1].CreateCommit(new List<Proposal> { GroupState.RemoveProposal(3) }, true, out PendingCommit? commit));
                samples.Add(commit!.Message);
                members[1].DiscardPending();
                samples.Add(members[2].Propose(GroupState.AddProposal(GroupTestKit.Client("x").KeyPackage)));
                for (int i = 0; i < 4; i++)
                {
                    samples.Add(members[2].EncryptApplication(new byte[10 * i], default));
                }

                Mutator mutator = new Mutator(31, samples);
                GroupState target = members[0];
                for (int i = 0; i < 1500; i++)
                {
                    byte[] input = mutator.Next();
                    MlsError error = target.Process(input, out Received? received);
                    if (error == MlsError.None)
                    {
                        Assert.NotNull(received);
                    }
                }

                // Only the genuine commit (if a mutation left it intact) can move the epoch, by one.
                Assert.InRange(target.Epoch, 1ul, 2ul);
            }
        }

        [Fact]
        public void Joining_from_hostile_welcomes_never_throws()
        {
            KeyPackageBundle creator = GroupTestKit.Client("creator");
            using GroupState group = GroupState.Create(Encoding.UTF8.GetBytes("fuzz"), creator, null, new PskStore());
            KeyPackageBundle joiner = GroupTestKit.Client("joiner");
            KeyPackageBundle other = GroupTestKit.Client("other");
            Assert.Equal(MlsError.None, group.CreateCommit(new List<Proposal> { GroupState.AddProposal(joiner.KeyPackage), GroupState.AddProposal(other.KeyPackage) }, true, out PendingCommit? pending));
            Mutator mutator = new Mutator(41, new List<byte[]> { pending!.Welcome! });
            int joined = 0;
            for (int i = 0; i < 600; i++)
            {
                byte[] input = mutator.Next();
                if (MlsMessage.TryDecode(input, out MlsMessage m) != MlsError.None || m.Welcome is null)
                {
                    continue;
                }

                if (GroupState.TryJoin(m.Welcome, joiner.KeyPackage, joiner.InitPrivate, joiner.EncryptionPrivate, joiner.SignaturePrivate, null, new PskStore(), out GroupState? g) == MlsError.None)
                {
                    joined++;
                    g!.Dispose();
                }
            }

            Assert.True(joined < 600);
        }
    }
}

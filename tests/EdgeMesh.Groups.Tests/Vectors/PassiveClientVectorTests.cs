using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;
using EdgeMesh.Groups.Tree;

namespace EdgeMesh.Groups.Tests.Vectors
{
    /// <summary>
    /// The end-to-end check: join by Welcome and follow every epoch of every passive-client-*.json
    /// file in the folder, matching each epoch authenticator.
    /// </summary>
    public sealed class PassiveClientVectorTests
    {
        public static IEnumerable<object[]> Cases()
        {
            if (VectorFolder.IsDisabled)
            {
                return new[] { new object[] { VectorFolder.Disabled, -1 } };
            }

            if (VectorFolder.Path is null)
            {
                return new[] { new object[] { VectorFolder.Missing, -1 } };
            }

            List<object[]> rows = new List<object[]>();
            foreach (string file in Directory.GetFiles(VectorFolder.Path, "passive-client-*.json").Select(f => Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal))
            {
                rows.AddRange(VectorFolder.Cases(Path.GetFileNameWithoutExtension(file).Split('.')[0]).Where(r => (string)r[0] == file));
            }

            return rows.Count > 0 ? rows : new[] { new object[] { VectorFolder.Missing + " passive-client-*.json", -1 } };
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Passive_client(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            Assert.Equal(MlsError.None, MlsMessage.TryDecode(v.Hex("key_package"), out MlsMessage kp));
            KeyPackage keyPackage = kp.KeyPackage!;
            Assert.Equal(keyPackage.LeafNode.SignatureKey, Suite.SignaturePublicKey(v.Hex("signature_priv")));
            Assert.Equal(keyPackage.LeafNode.EncryptionKey, Hpke.PublicKeyOf(v.Hex("encryption_priv")));
            Assert.Equal(keyPackage.InitKey, Hpke.PublicKeyOf(v.Hex("init_priv")));

            using PskStore psks = new PskStore();
            foreach (JsonElement p in v.GetProperty("external_psks").EnumerateArray())
            {
                psks.Add(p.Hex("psk_id"), p.Hex("psk"));
            }

            RatchetTree? tree = null;
            if (!v.IsNull("ratchet_tree"))
            {
                Assert.Equal(MlsError.None, RatchetTree.TryDecode(v.Hex("ratchet_tree"), out RatchetTree t));
                tree = t;
            }

            Assert.Equal(MlsError.None, MlsMessage.TryDecode(v.Hex("welcome"), out MlsMessage welcome));
            Assert.Equal(MlsError.None, GroupState.TryJoin(welcome.Welcome!, keyPackage, v.Hex("init_priv"), v.Hex("encryption_priv"), v.Hex("signature_priv"), tree, psks, out GroupState? joined));
            using GroupState group = joined!;
            Assert.Equal(v.Hex("initial_epoch_authenticator"), group.EpochAuthenticator);

            int epochIndex = 0;
            foreach (JsonElement epoch in v.GetProperty("epochs").EnumerateArray())
            {
                foreach (JsonElement proposal in epoch.GetProperty("proposals").EnumerateArray())
                {
                    MlsError pe = group.Process(Convert.FromHexString(proposal.GetString()!), out Received? pr);
                    Assert.True(pe == MlsError.None, $"epoch {epochIndex} proposal: {pe}");
                    Assert.Equal(ReceivedKind.Proposal, pr!.Kind);
                }

                MlsError ce = group.Process(epoch.Hex("commit"), out Received? cr);
                Assert.True(ce == MlsError.None, $"epoch {epochIndex} commit: {ce}");
                Assert.Equal(ReceivedKind.Commit, cr!.Kind);
                Assert.Equal(epoch.Hex("epoch_authenticator"), group.EpochAuthenticator);
                epochIndex++;
            }
        }
    }
}

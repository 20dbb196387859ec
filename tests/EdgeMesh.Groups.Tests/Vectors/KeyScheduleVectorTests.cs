using System.Text.Json;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Schedule;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class KeyScheduleVectorTests
    {
        public static IEnumerable<object[]> KeySchedule() => VectorFolder.Cases("key-schedule");

        public static IEnumerable<object[]> Psk() => VectorFolder.Cases("psk_secret");

        public static IEnumerable<object[]> Transcript() => VectorFolder.Cases("transcript-hashes");

        [Theory]
        [MemberData(nameof(KeySchedule))]
        public void Key_schedule(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            byte[] init = v.Hex("initial_init_secret");
            ulong epoch = 0;
            foreach (JsonElement e in v.GetProperty("epochs").EnumerateArray())
            {
                GroupContext context = new GroupContext
                {
                    GroupId = v.Hex("group_id"),
                    Epoch = epoch,
                    TreeHash = e.Hex("tree_hash"),
                    ConfirmedTranscriptHash = e.Hex("confirmed_transcript_hash"),
                };
                byte[] encoded = context.Encode();
                Assert.Equal(e.Hex("group_context"), encoded);
                using EpochSecrets s = EpochSecrets.Next(init, e.Hex("commit_secret"), e.Hex("psk_secret"), encoded);
                Assert.Equal(e.Hex("joiner_secret"), s.JoinerSecret);
                Assert.Equal(e.Hex("welcome_secret"), s.WelcomeSecret);
                Assert.Equal(e.Hex("init_secret"), s.InitSecret);
                Assert.Equal(e.Hex("sender_data_secret"), s.SenderDataSecret);
                Assert.Equal(e.Hex("encryption_secret"), s.EncryptionSecret);
                Assert.Equal(e.Hex("exporter_secret"), s.ExporterSecret);
                Assert.Equal(e.Hex("epoch_authenticator"), s.EpochAuthenticator);
                Assert.Equal(e.Hex("external_secret"), s.ExternalSecret);
                Assert.Equal(e.Hex("confirmation_key"), s.ConfirmationKey);
                Assert.Equal(e.Hex("membership_key"), s.MembershipKey);
                Assert.Equal(e.Hex("resumption_psk"), s.ResumptionPsk);
                Assert.Equal(e.Hex("external_pub"), s.ExternalPublicKey());
                Assert.Equal(e.Hex("welcome_secret"), EpochSecrets.DeriveWelcome(s.JoinerSecret, e.Hex("psk_secret")));
                JsonElement x = e.GetProperty("exporter");
                Assert.Equal(x.Hex("secret"), s.Export(x.GetProperty("label").GetString()!, x.Hex("context"), x.GetProperty("length").GetInt32()));
                init = (byte[])s.InitSecret.Clone();
                epoch++;
            }
        }

        [Theory]
        [MemberData(nameof(Psk))]
        public void Psk_secret(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            List<PreSharedKeyId> ids = new List<PreSharedKeyId>();
            List<byte[]> psks = new List<byte[]>();
            foreach (JsonElement p in v.GetProperty("psks").EnumerateArray())
            {
                ids.Add(new PreSharedKeyId { Type = PreSharedKeyId.External, PskId = p.Hex("psk_id"), Nonce = p.Hex("psk_nonce") });
                psks.Add(p.Hex("psk"));
            }

            Assert.Equal(v.Hex("psk_secret"), PskSecret.Compute(ids, psks));
        }

        [Theory]
        [MemberData(nameof(Transcript))]
        public void Transcript_hashes(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            Codec.TlsReader r = new Codec.TlsReader(v.Hex("authenticated_content"));
            AuthenticatedContent ac = AuthenticatedContent.Read(ref r);
            r.ExpectEnd();
            Assert.True(r.Ok);
            Assert.Equal(ContentType.Commit, ac.Content.ContentType);
            byte[] confirmed = TranscriptHash.Confirmed(v.Hex("interim_transcript_hash_before"), ac);
            Assert.Equal(v.Hex("confirmed_transcript_hash_after"), confirmed);
            Assert.True(Crypto.Suite.VerifyMac(v.Hex("confirmation_key"), confirmed, ac.Auth.ConfirmationTag));
            Assert.Equal(v.Hex("interim_transcript_hash_after"), TranscriptHash.Interim(confirmed, ac.Auth.ConfirmationTag));
        }
    }
}

using System.Text.Json;
using EdgeMesh.Groups.Crypto;
using EdgeMesh.Groups.Messages;
using EdgeMesh.Groups.Protocol;
using EdgeMesh.Groups.Schedule;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class WelcomeVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("welcome");

        [Theory]
        [MemberData(nameof(Cases))]
        public void Welcome(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            Assert.Equal(MlsError.None, MlsMessage.TryDecode(v.Hex("key_package"), out MlsMessage kp));
            Assert.Equal(MlsError.None, MlsMessage.TryDecode(v.Hex("welcome"), out MlsMessage welcome));
            using PskStore psks = new PskStore();
            Assert.Equal(MlsError.None, GroupState.OpenWelcome(welcome.Welcome!, kp.KeyPackage!, v.Hex("init_priv"), psks, out GroupSecrets? secrets, out GroupInfo? info, out byte[] pskSecret));
            Assert.True(info!.VerifySignature(v.Hex("signer_pub")));
            using EpochSecrets epoch = EpochSecrets.FromJoiner((byte[])secrets!.JoinerSecret.Clone(), pskSecret, info.GroupContext.Encode());
            Assert.True(Suite.VerifyMac(epoch.ConfirmationKey, info.GroupContext.ConfirmedTranscriptHash, info.ConfirmationTag));
            secrets.Dispose();

            // A wrong init key cannot open it.
            byte[] wrong = v.Hex("init_priv");
            wrong[5] ^= 1;
            Assert.NotEqual(MlsError.None, GroupState.OpenWelcome(welcome.Welcome!, kp.KeyPackage!, wrong, psks, out _, out _, out _));
        }
    }
}

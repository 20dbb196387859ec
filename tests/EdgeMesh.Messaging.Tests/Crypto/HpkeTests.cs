using EdgeMesh.Messaging.Crypto;
using EdgeMesh.Security;

namespace EdgeMesh.Messaging.Tests.Crypto
{
    /// <summary>HPKE base mode against RFC 9180 appendix A.2.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305).</summary>
    public sealed class HpkeTests
    {
        private const string Info = "4f6465206f6e2061204772656369616e2055726e"; // "Ode on a Grecian Urn"
        private const string SkEm = "f4ec9b33b792c372c1d2c2063507b684ef925b8c75a42dbcbf57d63ccd381600";
        private const string PkEm = "1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a";
        private const string SkRm = "8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb";
        private const string PkRm = "4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a";
        private const string Key = "ad2744de8e17f4ebba575b3f5f5a8fa1f69c2a07f6e7500bc60ca6e3e3ec1c91";
        private const string BaseNonce = "5c4d98150661b848853b547f";
        private const string Plaintext = "4265617574792069732074727574682c20747275746820626561757479"; // "Beauty is truth, truth beauty"
        private const string Aad = "436f756e742d30"; // "Count-0"
        private const string Ciphertext = "1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28";

        [Fact]
        public void The_key_schedule_matches_RFC_9180_A_2_1()
        {
            using X25519KeyPair ephemeral = X25519KeyPair.FromSecretKey(Convert.FromHexString(SkEm));
            Assert.Equal(PkEm, Convert.ToHexStringLower(ephemeral.PublicKey));
            byte[] secrets = new byte[32 + Hpke.KeyLength + Hpke.NonceLength];
            byte[] recipient = Convert.FromHexString(PkRm);
            Assert.True(Hpke.TryDeriveContext(ephemeral, recipient, ephemeral.PublicKey, recipient, Convert.FromHexString(Info), secrets));
            Assert.Equal(Key, Convert.ToHexStringLower(secrets.AsSpan(32, Hpke.KeyLength)));
            Assert.Equal(BaseNonce, Convert.ToHexStringLower(secrets.AsSpan(32 + Hpke.KeyLength, Hpke.NonceLength)));
        }

        [Fact]
        public void Seal_reproduces_and_open_recovers_the_RFC_9180_A_2_1_message()
        {
            using X25519KeyPair ephemeral = X25519KeyPair.FromSecretKey(Convert.FromHexString(SkEm));
            using X25519KeyPair recipient = X25519KeyPair.FromSecretKey(Convert.FromHexString(SkRm));
            Assert.Equal(PkRm, Convert.ToHexStringLower(recipient.PublicKey));
            byte[] plaintext = Convert.FromHexString(Plaintext);
            byte[] ciphertext = new byte[plaintext.Length + Hpke.TagLength];

            Assert.True(Hpke.TrySeal(ephemeral, recipient.PublicKey, Convert.FromHexString(Info), Convert.FromHexString(Aad), plaintext, ciphertext));
            Assert.Equal(Ciphertext, Convert.ToHexStringLower(ciphertext));

            byte[] opened = new byte[plaintext.Length];
            Assert.True(Hpke.TryOpen(recipient, Convert.FromHexString(PkEm), Convert.FromHexString(Info), Convert.FromHexString(Aad), ciphertext, opened));
            Assert.Equal(plaintext, opened);
        }

        [Fact]
        public void Opening_fails_for_any_modified_input_or_another_recipient()
        {
            using X25519KeyPair recipient = X25519KeyPair.FromSecretKey(Convert.FromHexString(SkRm));
            using X25519KeyPair other = X25519KeyPair.Generate();
            byte[] enc = Convert.FromHexString(PkEm);
            byte[] info = Convert.FromHexString(Info);
            byte[] aad = Convert.FromHexString(Aad);
            byte[] ciphertext = Convert.FromHexString(Ciphertext);
            byte[] output = new byte[ciphertext.Length];

            Assert.False(Hpke.TryOpen(other, enc, info, aad, ciphertext, output));
            Assert.False(Hpke.TryOpen(recipient, enc, info, aad.AsSpan(1), ciphertext, output));
            Assert.False(Hpke.TryOpen(recipient, enc, info.AsSpan(1), aad, ciphertext, output));
            Assert.False(Hpke.TryOpen(recipient, enc, info, aad, ciphertext.AsSpan(0, ciphertext.Length - 1), output));
            Assert.False(Hpke.TryOpen(recipient, new byte[32], info, aad, ciphertext, output)); // low-order enc
            Assert.False(Hpke.TryOpen(recipient, enc.AsSpan(1), info, aad, ciphertext, output));
            Assert.False(Hpke.TryOpen(recipient, enc, info, aad, ciphertext.AsSpan(0, 15), output));
        }

        [Fact]
        public void No_single_flipped_bit_of_enc_aad_or_ciphertext_ever_opens()
        {
            using X25519KeyPair recipient = X25519KeyPair.FromSecretKey(Convert.FromHexString(SkRm));
            byte[] info = Convert.FromHexString(Info);
            byte[] original = Convert.FromHexString(PkEm + Aad + Ciphertext);
            const int AadAt = 32;
            int ciphertextAt = AadAt + (Aad.Length / 2);
            byte[] output = new byte[original.Length];
            Assert.True(Hpke.TryOpen(recipient, original.AsSpan(0, 32), info, original.AsSpan(AadAt, ciphertextAt - AadAt), original.AsSpan(ciphertextAt), output));

            for (int bit = 0; bit < original.Length * 8; bit++)
            {
                byte[] input = (byte[])original.Clone();
                input[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.False(Hpke.TryOpen(recipient, input.AsSpan(0, 32), info, input.AsSpan(AadAt, ciphertextAt - AadAt), input.AsSpan(ciphertextAt), output), "bit " + bit);
            }
        }
    }
}

using System.IO;
using System.Text;

namespace EdgeMesh.Security.Tests.Interop
{
    public sealed class SodiumTests
    {
        [Fact]
        public void Initializes_from_the_library_the_package_ships()
        {
            Assert.True(Sodium.TryInitialize(out string? error), error);
            string beside = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libsodium.so");
            Assert.True(File.Exists(beside) || File.Exists(Path.Combine(AppContext.BaseDirectory, "libsodium.so")), "libsodium.so ships with the build output: " + beside);
        }

        [Fact]
        public void A_missing_library_message_says_where_the_library_belongs()
        {
            string message = Sodium.MissingLibraryMessage("libsodium.so: cannot open shared object file");
            Assert.Contains("libsodium.so", message, StringComparison.Ordinal);
            Assert.Contains("same directory as the edgemesh executable", message, StringComparison.Ordinal);
            Assert.DoesNotContain("apt-get", message, StringComparison.Ordinal);
        }

        [Fact]
        public void Ed25519_matches_RFC_8032_test_1()
        {
            using Ed25519KeyPair keys = Ed25519KeyPair.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
            Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(keys.PublicKey));
            byte[] signature = new byte[64];
            keys.Sign(ReadOnlySpan<byte>.Empty, signature);
            Assert.Equal(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                Convert.ToHexStringLower(signature));
            Assert.True(Ed25519KeyPair.Verify(keys.PublicKey, ReadOnlySpan<byte>.Empty, signature));
            signature[10] ^= 1;
            Assert.False(Ed25519KeyPair.Verify(keys.PublicKey, ReadOnlySpan<byte>.Empty, signature));
            Assert.False(Ed25519KeyPair.Verify(keys.PublicKey[..31], ReadOnlySpan<byte>.Empty, signature));
            Assert.False(Ed25519KeyPair.Verify(keys.PublicKey, ReadOnlySpan<byte>.Empty, signature.AsSpan(0, 63)));
        }

        [Fact]
        public void Seed_export_round_trips_and_a_disposed_key_cannot_sign()
        {
            Ed25519KeyPair keys = Ed25519KeyPair.Generate();
            byte[] seed = new byte[32];
            keys.ExportSeed(seed);
            using (Ed25519KeyPair again = Ed25519KeyPair.FromSeed(seed))
            {
                Assert.Equal(keys.PublicKey.ToArray(), again.PublicKey.ToArray());
            }

            keys.Dispose();
            Assert.Throws<ObjectDisposedException>(() => keys.Sign(new byte[1], new byte[64]));
        }

        [Fact]
        public void X25519_matches_RFC_7748_section_6_1()
        {
            using X25519KeyPair alice = X25519KeyPair.FromSecretKey(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
            using X25519KeyPair bob = X25519KeyPair.FromSecretKey(Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
            Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", Convert.ToHexStringLower(alice.PublicKey));
            Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", Convert.ToHexStringLower(bob.PublicKey));
            byte[] ab = new byte[32];
            byte[] ba = new byte[32];
            Assert.True(alice.TryDeriveSharedSecret(bob.PublicKey, ab));
            Assert.True(bob.TryDeriveSharedSecret(alice.PublicKey, ba));
            Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", Convert.ToHexStringLower(ab));
            Assert.Equal(ab, ba);
        }

        [Fact]
        public void X25519_refuses_low_order_and_malformed_peer_keys()
        {
            using X25519KeyPair keys = X25519KeyPair.Generate();
            byte[] shared = new byte[32];
            Assert.False(keys.TryDeriveSharedSecret(new byte[32], shared)); // the identity point
            Assert.False(keys.TryDeriveSharedSecret(new byte[31], shared));
        }

        [Fact]
        public void ChaCha20Poly1305_matches_RFC_8439_section_2_8_2()
        {
            byte[] key = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                key[i] = (byte)(0x80 + i);
            }

            byte[] nonce = Convert.FromHexString("070000004041424344454647");
            byte[] ad = Convert.FromHexString("50515253c0c1c2c3c4c5c6c7");
            byte[] plaintext = Encoding.ASCII.GetBytes("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.");
            using var aead = new AeadKey(AeadAlgorithm.ChaCha20Poly1305, key);
            byte[] ciphertext = new byte[plaintext.Length + 16];
            aead.Encrypt(nonce, plaintext, ad, ciphertext);
            Assert.StartsWith("d31a8d34648e60db7b86afbc53ef7ec2", Convert.ToHexStringLower(ciphertext), StringComparison.Ordinal);
            Assert.Equal("1ae10b594f09e26a7e902ecbd0600691", Convert.ToHexStringLower(ciphertext.AsSpan(plaintext.Length)));
            byte[] decrypted = new byte[plaintext.Length];
            Assert.True(aead.TryDecrypt(nonce, ciphertext, ad, decrypted));
            Assert.Equal(plaintext, decrypted);
        }

        [Fact]
        public void XChaCha20Poly1305_round_trips_and_detects_tampering()
        {
            byte[] key = new byte[32];
            SecureRandom.Fill(key);
            byte[] nonce = new byte[24];
            SecureRandom.Fill(nonce);
            using var aead = new AeadKey(AeadAlgorithm.XChaCha20Poly1305, key);
            Assert.Equal(24, aead.NonceLength);
            byte[] message = Encoding.UTF8.GetBytes("direct message body");
            byte[] ciphertext = new byte[message.Length + 16];
            aead.Encrypt(nonce, message, "header"u8, ciphertext);
            byte[] output = new byte[message.Length];
            Assert.True(aead.TryDecrypt(nonce, ciphertext, "header"u8, output));
            Assert.Equal(message, output);
            ciphertext[0] ^= 1;
            Assert.False(aead.TryDecrypt(nonce, ciphertext, "header"u8, output));
            ciphertext[0] ^= 1;
            ciphertext[^1] ^= 1;
            Assert.False(aead.TryDecrypt(nonce, ciphertext, "header"u8, output));
            ciphertext[^1] ^= 1;
            Assert.False(aead.TryDecrypt(nonce, ciphertext, "other"u8, output));
            Assert.False(aead.TryDecrypt(nonce.AsSpan(0, 12), ciphertext, "header"u8, output));
        }

        [Fact]
        public void Blake2b_matches_RFC_7693_abc()
        {
            byte[] digest = new byte[64];
            Blake2b.Hash("abc"u8, digest);
            Assert.Equal(
                "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
                Convert.ToHexStringLower(digest));
            byte[] short32 = new byte[32];
            Blake2b.Hash("abc"u8, short32);
            Assert.Equal("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319", Convert.ToHexStringLower(short32));
            byte[] short16 = new byte[16];
            Blake2b.Hash("abc"u8, short16); // the outbox checksum: BLAKE2b-128, not a truncation
            Assert.Equal("cf4ab791c62b8d2b2109c90275287816", Convert.ToHexStringLower(short16));
            Assert.Throws<ArgumentException>(() => Blake2b.Hash("abc"u8, new byte[20]));
        }

        [Fact]
        public void Keyed_Blake2b_matches_the_RFC_7693_keyed_construction_and_depends_on_the_key()
        {
            byte[] key = new byte[32];
            key[0] = 1;
            using var a = new Blake2bKeyedHash(key, 16);
            key[0] = 2;
            using var b = new Blake2bKeyedHash(key, 16);
            byte[] x = new byte[16];
            byte[] y = new byte[16];
            a.Hash("frame"u8, x);
            b.Hash("frame"u8, y);
            Assert.NotEqual(x, y);
            byte[] again = new byte[16];
            a.Hash("frame"u8, again);
            Assert.Equal(x, again);
            Assert.Throws<ArgumentException>(() => new Blake2bKeyedHash(new byte[8], 16));
        }
    }
}

namespace EdgeMesh.Security.Tests.Interop
{
    public sealed class X25519ConversionTests
    {
        // libsodium's own conversion vector (test/default/ed25519_convert).
        private const string Seed = "421151a459faeade3d247115f94aedae42318124095afabe4d1451a559faedee";
        private const string EdPublic = "b5076a8474a832daee4dd5b4040983b6623b5f344aca57d4d6ee4baf3f259e6e";
        private const string XPublic = "f1814f0e8ff1043d8a44d25babff3cedcae6c22c3edaa48f857ae70de2baae50";

        [Fact]
        public void Public_and_secret_conversion_match_the_libsodium_vector()
        {
            using Ed25519KeyPair keys = Ed25519KeyPair.FromSeed(Convert.FromHexString(Seed));
            Assert.Equal(EdPublic, Convert.ToHexStringLower(keys.PublicKey));

            byte[] converted = new byte[32];
            Assert.True(Ed25519KeyPair.TryConvertPublicKeyToX25519(keys.PublicKey, converted));
            Assert.Equal(XPublic, Convert.ToHexStringLower(converted));

            using X25519KeyPair agreement = keys.ToX25519KeyPair();
            Assert.Equal(XPublic, Convert.ToHexStringLower(agreement.PublicKey));
        }

        [Fact]
        public void A_converted_pair_agrees_with_a_sender_that_only_knows_the_signing_key()
        {
            using Ed25519KeyPair recipient = Ed25519KeyPair.Generate();
            using X25519KeyPair ephemeral = X25519KeyPair.Generate();
            using X25519KeyPair recipientAgreement = recipient.ToX25519KeyPair();
            byte[] recipientX = new byte[32];
            Assert.True(Ed25519KeyPair.TryConvertPublicKeyToX25519(recipient.PublicKey, recipientX));

            byte[] senderSide = new byte[32];
            byte[] recipientSide = new byte[32];
            Assert.True(ephemeral.TryDeriveSharedSecret(recipientX, senderSide));
            Assert.True(recipientAgreement.TryDeriveSharedSecret(ephemeral.PublicKey, recipientSide));
            Assert.Equal(senderSide, recipientSide);
        }

        [Fact]
        public void The_converted_pair_outlives_the_signing_pair()
        {
            Ed25519KeyPair keys = Ed25519KeyPair.FromSeed(Convert.FromHexString(Seed));
            using X25519KeyPair agreement = keys.ToX25519KeyPair();
            keys.Dispose();
            byte[] shared = new byte[32];
            using X25519KeyPair other = X25519KeyPair.Generate();
            Assert.True(agreement.TryDeriveSharedSecret(other.PublicKey, shared));
        }

        [Fact]
        public void Malformed_and_small_order_keys_are_refused_without_throwing()
        {
            byte[] output = new byte[32];
            output.AsSpan().Fill(0xAA);
            Assert.False(Ed25519KeyPair.TryConvertPublicKeyToX25519(new byte[31], output));
            Assert.False(Ed25519KeyPair.TryConvertPublicKeyToX25519(new byte[32], output)); // small order
            Assert.Equal(new byte[32], output);

            byte[] notOnCurve = Convert.FromHexString("0200000000000000000000000000000000000000000000000000000000000000");
            Assert.False(Ed25519KeyPair.TryConvertPublicKeyToX25519(notOnCurve, output));
            Assert.False(Ed25519KeyPair.TryConvertPublicKeyToX25519(Convert.FromHexString(EdPublic), new byte[31]));
        }
    }
}

using System.IO;
using System.Linq;
using System.Text.Json;
using EdgeMesh.Groups.Crypto;

namespace EdgeMesh.Groups.Tests.Vectors
{
    public sealed class CryptoBasicsVectorTests
    {
        public static IEnumerable<object[]> Cases() => VectorFolder.Cases("crypto-basics");

        [Theory]
        [MemberData(nameof(Cases))]
        public void Crypto_basics(string file, int index)
        {
            JsonElement v = VectorFolder.Load(file, index);
            if (file == VectorFolder.Disabled)
            {
                return;
            }

            JsonElement rh = v.GetProperty("ref_hash");
            Assert.Equal(rh.Hex("out"), Suite.RefHash(rh.GetProperty("label").GetString()!, rh.Hex("value")));

            JsonElement ewl = v.GetProperty("expand_with_label");
            Assert.Equal(ewl.Hex("out"), Suite.ExpandWithLabel(ewl.Hex("secret"), ewl.GetProperty("label").GetString()!, ewl.Hex("context"), ewl.GetProperty("length").GetInt32()));

            JsonElement ds = v.GetProperty("derive_secret");
            Assert.Equal(ds.Hex("out"), Suite.DeriveSecret(ds.Hex("secret"), ds.GetProperty("label").GetString()!));

            JsonElement dts = v.GetProperty("derive_tree_secret");
            Assert.Equal(dts.Hex("out"), Suite.DeriveTreeSecret(dts.Hex("secret"), dts.GetProperty("label").GetString()!, dts.GetProperty("generation").GetUInt32(), dts.GetProperty("length").GetInt32()));

            JsonElement swl = v.GetProperty("sign_with_label");
            string label = swl.GetProperty("label").GetString()!;
            Assert.True(Suite.VerifyWithLabel(swl.Hex("pub"), label, swl.Hex("content"), swl.Hex("signature")));
            byte[] mine = Suite.SignWithLabel(swl.Hex("priv"), label, swl.Hex("content"));
            Assert.True(Suite.VerifyWithLabel(swl.Hex("pub"), label, swl.Hex("content"), mine));
            mine[3] ^= 1;
            Assert.False(Suite.VerifyWithLabel(swl.Hex("pub"), label, swl.Hex("content"), mine));

            JsonElement enc = v.GetProperty("encrypt_with_label");
            string elabel = enc.GetProperty("label").GetString()!;
            Assert.Equal(MlsError.None, Suite.DecryptWithLabel(enc.Hex("priv"), elabel, enc.Hex("context"), enc.Hex("kem_output"), enc.Hex("ciphertext"), out byte[] plain));
            Assert.Equal(enc.Hex("plaintext"), plain);
            HpkeCiphertext fresh = Suite.EncryptWithLabel(enc.Hex("pub"), elabel, enc.Hex("context"), enc.Hex("plaintext"));
            Assert.Equal(MlsError.None, Suite.DecryptWithLabel(enc.Hex("priv"), elabel, enc.Hex("context"), fresh.KemOutput, fresh.Ciphertext, out byte[] again));
            Assert.Equal(enc.Hex("plaintext"), again);
            byte[] tampered = (byte[])fresh.Ciphertext.Clone();
            tampered[0] ^= 1;
            Assert.Equal(MlsError.DecryptFailed, Suite.DecryptWithLabel(enc.Hex("priv"), elabel, enc.Hex("context"), fresh.KemOutput, tampered, out _));
        }
    }
}

using System.Text;
using EdgeMesh.Protocol.Security;

namespace EdgeMesh.Protocol.Tests.Security
{
    public sealed class HmacSha256Tests
    {
        private const string Case7Data = "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";

        public static TheoryData<string, string, string> Rfc4231 => new TheoryData<string, string, string>
        {
            { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", Hex("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
            { Hex("Jefe"), Hex("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
            { Repeat("aa", 20), Repeat("dd", 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
            { "0102030405060708090a0b0c0d0e0f10111213141516171819", Repeat("cd", 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
            { Repeat("aa", 131), Hex("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
            { Repeat("aa", 131), Hex(Case7Data), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
        };

        [Theory]
        [MemberData(nameof(Rfc4231))]
        public void Matches_RFC_4231_test_cases(string keyHex, string dataHex, string expectedHex)
        {
            byte[] key = Convert.FromHexString(keyHex);
            byte[] data = Convert.FromHexString(dataHex);
            var hmac = new HmacSha256(key, 0, key.Length);
            byte[] mac = new byte[32];
            hmac.Compute(data, 0, data.Length, mac, 0);
            Assert.Equal(expectedHex, Convert.ToHexStringLower(mac));

            // The same key gives the same MAC again (the saved pad states are reused, not consumed).
            hmac.Compute(data, 0, data.Length, mac, 0);
            Assert.Equal(expectedHex, Convert.ToHexStringLower(mac));
        }

        [Fact]
        public void Matches_RFC_4231_case_5_truncated_to_128_bits()
        {
            byte[] key = Convert.FromHexString(Repeat("0c", 20));
            byte[] data = Encoding.ASCII.GetBytes("Test With Truncation");
            var hmac = new HmacSha256(key, 0, key.Length);
            byte[] mac = new byte[16];
            hmac.Begin();
            hmac.Update(data, 0, data.Length);
            hmac.Finish(mac, 0, 16);
            Assert.Equal("a3b6167473100ee06e0c796c2955552b", Convert.ToHexStringLower(mac));
        }

        [Fact]
        public void Agrees_with_the_platform_HMAC_for_random_keys_and_messages()
        {
            var random = new Random(4231);
            byte[] mac = new byte[32];
            for (int i = 0; i < 500; i++)
            {
                byte[] key = new byte[random.Next(0, 150)];
                byte[] data = new byte[random.Next(0, 400)];
                random.NextBytes(key);
                random.NextBytes(data);
                new HmacSha256(key, 0, key.Length).Compute(data, 0, data.Length, mac, 0);
                Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, data), mac);
            }
        }

        private static string Hex(string ascii)
        {
            return Convert.ToHexString(Encoding.ASCII.GetBytes(ascii));
        }

        private static string Repeat(string hexByte, int count)
        {
            return new System.Text.StringBuilder().Insert(0, hexByte, count).ToString();
        }
    }
}

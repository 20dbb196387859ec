using System.Text;
using EdgeMesh.Protocol.Security;

namespace EdgeMesh.Protocol.Tests.Security
{
    public sealed class Sha256Tests
    {
        [Theory]
        [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
        public void Matches_FIPS_180_4_examples(string message, string expectedHex)
        {
            byte[] data = Encoding.ASCII.GetBytes(message);
            Assert.Equal(expectedHex, Hash(data, data.Length));
        }

        [Fact]
        public void Hashes_one_million_a_in_uneven_chunks()
        {
            var sha = new Sha256();
            byte[] chunk = new byte[997];
            Array.Fill(chunk, (byte)'a');
            int remaining = 1_000_000;
            while (remaining > 0)
            {
                int take = Math.Min(remaining, chunk.Length);
                sha.Update(chunk, 0, take);
                remaining -= take;
            }

            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(digest));
        }

        [Fact]
        public void Agrees_with_the_platform_hash_for_every_length_and_split()
        {
            var random = new Random(1805);
            var sha = new Sha256();
            byte[] digest = new byte[32];
            for (int length = 0; length <= 300; length++)
            {
                byte[] data = new byte[length];
                random.NextBytes(data);
                int split = length == 0 ? 0 : random.Next(length);
                sha.Update(data, 0, split);
                for (int i = split; i < Math.Min(length, split + 3); i++)
                {
                    sha.Update(data[i]); // byte-wise path
                }

                int done = Math.Min(length, split + 3);
                sha.Update(data, done, length - done);
                sha.Final(digest, 0);
                Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), digest);
            }
        }

        [Fact]
        public void Hashing_allocates_nothing_after_construction()
        {
            var sha = new Sha256();
            byte[] data = new byte[300];
            byte[] digest = new byte[32];
            sha.Update(data, 0, data.Length);
            sha.Final(digest, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                sha.Update(data, 0, data.Length);
                sha.Update(7);
                sha.Final(digest, 0);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static string Hash(byte[] data, int length)
        {
            var sha = new Sha256();
            sha.Update(data, 0, length);
            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            return Convert.ToHexStringLower(digest);
        }
    }
}

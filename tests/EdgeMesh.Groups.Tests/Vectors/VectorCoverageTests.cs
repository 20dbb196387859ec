using System.IO;
using System.Linq;

namespace EdgeMesh.Groups.Tests.Vectors
{
    /// <summary>Every file in the vector folder is consumed by some test; a new file fails until it is.</summary>
    public sealed class VectorCoverageTests
    {
        private static readonly string[] Handled =
        {
            "crypto-basics", "deserialization", "key-schedule", "message-protection", "messages", "psk_secret",
            "secret-tree", "transcript-hashes", "tree-math", "tree-operations", "tree-validation", "treekem", "welcome",
        };

        [Fact]
        public void Every_vector_file_has_a_test()
        {
            if (VectorFolder.IsDisabled)
            {
                return;
            }

            Assert.False(VectorFolder.Path is null, "MLS test vectors not found: set EDGEMESH_MLS_VECTORS (or 'off' to disable explicitly).");
            string[] files = Directory.GetFiles(VectorFolder.Path!).Select(f => Path.GetFileName(f)).ToArray();
            Assert.Contains("rfc9180-A.1.1-base-x25519-sha256-aes128gcm.txt", files);
            foreach (string file in files.Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
            {
                string stem = file.Split('.')[0];
                Assert.True(Handled.Contains(stem) || stem.StartsWith("passive-client-", StringComparison.Ordinal), "no test reads " + file);
            }
        }
    }
}

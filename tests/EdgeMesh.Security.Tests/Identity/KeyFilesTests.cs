using System.IO;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Tests.Identity
{
    public sealed class KeyFilesTests : IDisposable
    {
        private readonly TempDirectory _dir = new TempDirectory();

        [Fact]
        public void Key_pair_round_trips_with_owner_only_secret_file()
        {
            using NodeKeyPair node = NodeKeyPair.Generate();
            Assert.Equal(FileError.None, Write(node.Keys, KeyPurpose.Node, overwrite: false, out _));
            Assert.Equal(KeyFiles.SecretKeyFileLength, new FileInfo(Secret).Length);
            Assert.Equal(KeyFiles.PublicKeyFileLength, new FileInfo(Public).Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Secret));
            }

            Assert.Equal(FileError.None, KeyFiles.TryLoadNode(Secret, out NodeKeyPair? loaded, out _));
            using (loaded)
            {
                Assert.Equal(node.Id, loaded!.Id);
                byte[] signature = new byte[64];
                loaded.Keys.Sign("hello"u8, signature);
                Assert.True(Ed25519KeyPair.Verify(node.PublicKey, "hello"u8, signature));
            }

            byte[] publicKey = new byte[32];
            Assert.Equal(FileError.None, KeyFiles.TryLoadPublicKey(Public, KeyPurpose.Node, publicKey, out _));
            Assert.Equal(node.PublicKey.ToArray(), publicKey);
        }

        [Theory]
        [InlineData(UnixFileMode.GroupRead, "0640")]
        [InlineData(UnixFileMode.OtherRead, "0604")]
        [InlineData(UnixFileMode.GroupWrite, "0620")]
        public void Secret_key_file_accessible_by_group_or_others_is_refused_with_a_clear_error(UnixFileMode extra, string shown)
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            using NodeKeyPair node = NodeKeyPair.Generate();
            Write(node.Keys, KeyPurpose.Node, overwrite: false, out _);
            File.SetUnixFileMode(Secret, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
            Assert.Equal(FileError.PermissionsTooOpen, KeyFiles.TryLoadNode(Secret, out NodeKeyPair? loaded, out string message));
            Assert.Null(loaded);
            Assert.Contains(shown, message, StringComparison.Ordinal);
            Assert.Contains("chmod 600", message, StringComparison.Ordinal);
        }

        [Fact]
        public void Existing_keys_are_not_overwritten_unless_asked()
        {
            using NodeKeyPair first = NodeKeyPair.Generate();
            using NodeKeyPair second = NodeKeyPair.Generate();
            Write(first.Keys, KeyPurpose.Node, overwrite: false, out _);
            Assert.Equal(FileError.AlreadyExists, Write(second.Keys, KeyPurpose.Node, overwrite: false, out string message));
            Assert.Contains("already exists", message, StringComparison.Ordinal);
            Assert.Equal(FileError.None, Write(second.Keys, KeyPurpose.Node, overwrite: true, out _));
            KeyFiles.TryLoadNode(Secret, out NodeKeyPair? loaded, out _);
            using (loaded)
            {
                Assert.Equal(second.Id, loaded!.Id);
            }
        }

        [Fact]
        public void Damaged_missing_or_misused_files_give_errors_not_exceptions()
        {
            Assert.Equal(FileError.NotFound, KeyFiles.TryLoadNode(Secret, out _, out string message));
            Assert.Contains("not found", message, StringComparison.Ordinal);

            using NodeKeyPair node = NodeKeyPair.Generate();
            Write(node.Keys, KeyPurpose.FleetRoot, overwrite: false, out _);
            Assert.Equal(FileError.WrongPurpose, KeyFiles.TryLoadNode(Secret, out _, out message));
            Assert.Contains("fleet root", message, StringComparison.Ordinal);
            Assert.Equal(FileError.WrongPurpose, KeyFiles.TryLoadPublicKey(Public, KeyPurpose.Node, new byte[32], out _));

            byte[] good = File.ReadAllBytes(Secret);
            foreach (int length in new[] { 0, 1, 8, 40, 71, 73, 5000 })
            {
                byte[] content = new byte[length];
                Array.Copy(good, content, Math.Min(length, good.Length));
                WriteRaw(Secret, content);
                Assert.Equal(FileError.Malformed, KeyFiles.TryLoadKeyPair(Secret, KeyPurpose.FleetRoot, out _, out _));
            }

            for (int i = 0; i < 8; i++)
            {
                byte[] content = (byte[])good.Clone();
                content[i] ^= 0x40;
                WriteRaw(Secret, content);
                Assert.NotEqual(FileError.None, KeyFiles.TryLoadKeyPair(Secret, KeyPurpose.FleetRoot, out _, out _));
            }

            byte[] mismatched = (byte[])good.Clone();
            mismatched[50] ^= 1; // a public key byte
            WriteRaw(Secret, mismatched);
            Assert.Equal(FileError.KeyMismatch, KeyFiles.TryLoadKeyPair(Secret, KeyPurpose.FleetRoot, out _, out _));
            Assert.Equal(FileError.NotFound, Write(node.Keys, KeyPurpose.Node, overwrite: false, out _, Path.Combine(_dir.Path, "missing", "x.key")));
        }

        public void Dispose()
        {
            _dir.Dispose();
        }

        private string Secret => _dir.File("node.key");

        private string Public => _dir.File("node.pub");

        private FileError Write(Ed25519KeyPair keys, KeyPurpose purpose, bool overwrite, out string message, string? secretPath = null)
        {
            return KeyFiles.WriteKeyPair(secretPath ?? Secret, Public, keys, purpose, overwrite, out message);
        }

        private static void WriteRaw(string path, byte[] content)
        {
            File.WriteAllBytes(path, content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}

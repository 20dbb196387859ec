using System.CommandLine;
using System.IO;
using EdgeMesh.Node.Commands;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Security.Tests.Cli
{
    /// <summary>The keygen, id and fleet commands, run in-process with a fixed clock.</summary>
    public sealed class CommandTests : IDisposable
    {
        private static readonly DateTimeOffset Today = new DateTimeOffset(2025, 11, 21, 12, 0, 0, TimeSpan.Zero);
        private readonly TempDirectory _dir = new TempDirectory();

        [Fact]
        public void Keygen_then_id_prints_the_same_node_id()
        {
            (int code, string output, _) = Run("keygen", "--out", NodeDir);
            Assert.Equal(0, code);
            Assert.Contains("node id:", output, StringComparison.Ordinal);
            (code, string id, _) = Run("id", "--dir", NodeDir);
            Assert.Equal(0, code);
            Assert.True(NodeIds.TryParse(id.Trim(), out NodeId parsed));
            Assert.Contains(id.Trim(), output, StringComparison.Ordinal);
            (_, string full, _) = Run("id", "--dir", NodeDir, "--full");
            Assert.Equal(64, full.Trim().Length);
            Assert.StartsWith(id.Trim(), full.Trim(), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(NodeDir, "node.key")));
            }

            // The public key alone also yields the id.
            File.Delete(Path.Combine(NodeDir, "node.key"));
            (_, string fromPublic, _) = Run("id", "--dir", NodeDir);
            Assert.Equal(id, fromPublic);
            Assert.Equal(parsed.ToString(), fromPublic.Trim());
        }

        [Fact]
        public void Keygen_refuses_to_replace_an_identity_without_force()
        {
            Run("keygen", "--out", NodeDir);
            (_, string before, _) = Run("id", "--dir", NodeDir);
            (int code, _, string error) = Run("keygen", "--out", NodeDir);
            Assert.Equal(1, code);
            Assert.Contains("--force", error, StringComparison.Ordinal);
            Assert.Equal(before, Run("id", "--dir", NodeDir).Output);
            Assert.Equal(0, Run("keygen", "--out", NodeDir, "--force").Code);
            Assert.NotEqual(before, Run("id", "--dir", NodeDir).Output);
        }

        [Fact]
        public void Id_refuses_a_key_file_readable_by_others()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            Run("keygen", "--out", NodeDir);
            File.SetUnixFileMode(Path.Combine(NodeDir, "node.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            (int code, string output, string error) = Run("id", "--dir", NodeDir);
            Assert.Equal(1, code);
            Assert.Empty(output);
            Assert.Contains("mode 0604", error, StringComparison.Ordinal);
            Assert.Contains("chmod 600", error, StringComparison.Ordinal);
        }

        [Fact]
        public void Fleet_init_enroll_produces_a_certificate_nodes_admit()
        {
            Assert.Equal(0, Run("fleet", "init", "--out", FleetDir).Code);
            Run("keygen", "--out", NodeDir);
            (int code, string output, string error) = Run("fleet", "enroll", "--fleet", FleetDir, "--node", NodeDir, "--role", "robot", "--role", "gateway", "--expires", "2026-03-01");
            Assert.True(code == 0, error);
            Assert.Contains("2026-03-01 00:00:00Z", output, StringComparison.Ordinal);

            byte[] certificate = File.ReadAllBytes(Path.Combine(NodeDir, "node.cert"));
            byte[] root = new byte[32];
            Assert.Equal(FileError.None, KeyFiles.TryLoadPublicKey(Path.Combine(FleetDir, "fleet.pub"), KeyPurpose.FleetRoot, root, out _));
            var admission = new PeerAdmission(root, 4);
            long now = Today.ToUnixTimeMilliseconds();
            Assert.Equal(AdmissionError.None, admission.Admit(certificate, now));
            Assert.Equal(NodeCertificate.Length, certificate.Length);
            NodeCertificate.TryParse(certificate, out NodeCertificate parsed);
            Assert.Equal(FleetRoles.Robot | FleetRoles.Gateway, parsed.Roles);
            Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), parsed.NotAfterMs);
            Assert.Equal(AdmissionError.Expired, admission.Admit(certificate, parsed.NotAfterMs));
        }

        [Theory]
        [InlineData("--role", "pilot", "unknown role 'pilot'")]
        [InlineData("--expires", "someday", "is not a date")]
        [InlineData("--expires", "2020-01-01", "not in the future")]
        public void Enroll_refuses_bad_arguments_with_a_message(string option, string value, string expected)
        {
            Run("fleet", "init", "--out", FleetDir);
            Run("keygen", "--out", NodeDir);
            string[] args = option == "--role"
                ? new[] { "fleet", "enroll", "--fleet", FleetDir, "--node", NodeDir, "--role", value }
                : new[] { "fleet", "enroll", "--fleet", FleetDir, "--node", NodeDir, "--role", "robot", option, value };
            (int code, _, string error) = Run(args);
            Assert.Equal(1, code);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(NodeDir, "node.cert")));
        }

        [Fact]
        public void Enroll_refuses_a_fleet_key_readable_by_the_group()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            Run("fleet", "init", "--out", FleetDir);
            Run("keygen", "--out", NodeDir);
            File.SetUnixFileMode(Path.Combine(FleetDir, "fleet.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            (int code, _, string error) = Run("fleet", "enroll", "--fleet", FleetDir, "--node", NodeDir, "--role", "operator");
            Assert.Equal(1, code);
            Assert.Contains("mode 0640", error, StringComparison.Ordinal);
        }

        [Fact]
        public void Revoke_writes_increasing_versions_that_nodes_apply_in_order()
        {
            Run("fleet", "init", "--out", FleetDir);
            Run("keygen", "--out", NodeDir);
            string id = Run("id", "--dir", NodeDir).Output.Trim();
            string list = Path.Combine(FleetDir, "revocations.bin");

            Assert.Equal(0, Run("fleet", "revoke", "--fleet", FleetDir, "--node-id", id).Code);
            byte[] first = File.ReadAllBytes(list);
            Assert.Equal(0, Run("fleet", "revoke", "--fleet", FleetDir, "--node-id", "00000000000000aa").Code);
            byte[] second = File.ReadAllBytes(list);
            (int code, string again, _) = Run("fleet", "revoke", "--fleet", FleetDir, "--node-id", id);
            Assert.Equal(0, code);
            Assert.Contains("already revoked", again, StringComparison.Ordinal);

            byte[] root = new byte[32];
            KeyFiles.TryLoadPublicKey(Path.Combine(FleetDir, "fleet.pub"), KeyPurpose.FleetRoot, root, out _);
            var admission = new PeerAdmission(root, 4);
            Assert.Equal(AdmissionError.None, admission.ApplyRevocationList(first));
            Assert.Equal(AdmissionError.None, admission.ApplyRevocationList(second));
            Assert.Equal(AdmissionError.StaleRevocationList, admission.ApplyRevocationList(first));
            Assert.Equal(2UL, admission.RevocationListVersion);
            Assert.True(NodeIds.TryParse(id, out NodeId revoked));
            Assert.True(admission.IsRevoked(revoked));
            Assert.True(admission.IsRevoked(new NodeId(0xaa)));
        }

        [Fact]
        public void Revoke_refuses_bad_ids_and_foreign_lists()
        {
            Run("fleet", "init", "--out", FleetDir);
            (int code, _, string error) = Run("fleet", "revoke", "--fleet", FleetDir, "--node-id", "xyz");
            Assert.Equal(1, code);
            Assert.Contains("is not a node id", error, StringComparison.Ordinal);

            File.WriteAllBytes(Path.Combine(FleetDir, "revocations.bin"), new byte[50]);
            (code, _, error) = Run("fleet", "revoke", "--fleet", FleetDir, "--node-id", "00000000000000aa");
            Assert.Equal(1, code);
            Assert.Contains("not a valid revocation list", error, StringComparison.Ordinal);
        }

        [Fact]
        public void Missing_directories_and_required_options_fail_cleanly()
        {
            Assert.Equal(1, Run("id", "--dir", Path.Combine(_dir.Path, "nothing")).Code);
            Assert.Equal(1, Run("fleet", "enroll", "--fleet", FleetDir, "--node", NodeDir, "--role", "robot").Code);
            Assert.NotEqual(0, Run("keygen").Code);
        }

        public void Dispose()
        {
            _dir.Dispose();
        }

        private string NodeDir => Path.Combine(_dir.Path, "node");

        private string FleetDir => Path.Combine(_dir.Path, "fleet");

        private static (int Code, string Output, string Error) Run(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            RootCommand root = CommandCatalog.CreateRoot(new FixedClock(Today));
            int code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (code, output.ToString(), error.ToString());
        }

        private sealed class FixedClock : TimeProvider
        {
            private readonly DateTimeOffset _now;

            internal FixedClock(DateTimeOffset now)
            {
                _now = now;
            }

            public override DateTimeOffset GetUtcNow()
            {
                return _now;
            }
        }
    }
}

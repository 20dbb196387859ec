using System.Collections.Generic;
using System.IO;
using System.Linq;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Storage
{
    public sealed class DirectoryOutboxStoreTests : IDisposable
    {
        private readonly TempDirectory _temp = new TempDirectory();

        public void Dispose()
        {
            _temp.Dispose();
        }

        [Fact]
        public void Saved_envelopes_come_back_after_a_new_store_opens_the_directory()
        {
            string directory = Path.Combine(_temp.Path, "outbox");
            var store = new DirectoryOutboxStore(directory);
            (DmRequestId first, byte[] one) = Envelope(100);
            (DmRequestId second, byte[] two) = Envelope(2000);
            Assert.True(store.TrySave(first, one, Priority.Motion, out _));
            Assert.True(store.TrySave(second, two, Priority.Bulk, out _));
            store.Delete(second);
            Assert.Equal(OperatingSystem.IsLinux() ? 0 : 2, store.DirectoryFlushesSkipped); // libc fsync of the directory works

            var problems = new List<string>();
            DmStoredEnvelope stored = Assert.Single(new DirectoryOutboxStore(directory).LoadAll(problems));
            Assert.Empty(problems);
            Assert.Equal(one, stored.Envelope);
            Assert.Equal(Priority.Motion, stored.Priority);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, first + ".dm")));
            }
        }

        [Fact]
        public void The_file_layout_is_magic_version_priority_length_envelope_checksum()
        {
            var store = new DirectoryOutboxStore(_temp.Path);
            (DmRequestId id, byte[] envelope) = Envelope(10);
            Assert.True(store.TrySave(id, envelope, Priority.Telemetry, out _));
            byte[] file = File.ReadAllBytes(Path.Combine(_temp.Path, id + ".dm"));
            Assert.Equal("454d444f" + "01" + "02" + "0000" + envelope.Length.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), Convert.ToHexStringLower(file.AsSpan(0, 12)));
            Assert.Equal(envelope, file.AsSpan(12, envelope.Length).ToArray());
            Assert.Equal(12 + envelope.Length + 16, file.Length);
        }

        [Fact]
        public void Damaged_files_are_set_aside_and_reported_and_unfinished_saves_removed()
        {
            var store = new DirectoryOutboxStore(_temp.Path);
            (DmRequestId good, byte[] envelope) = Envelope(50);
            (DmRequestId bad, byte[] other) = Envelope(50);
            Assert.True(store.TrySave(good, envelope, Priority.Telemetry, out _));
            Assert.True(store.TrySave(bad, other, Priority.Telemetry, out _));
            string badPath = Path.Combine(_temp.Path, bad + ".dm");
            byte[] bytes = File.ReadAllBytes(badPath);
            bytes[40] ^= 1;
            File.WriteAllBytes(badPath, bytes);
            File.WriteAllBytes(Path.Combine(_temp.Path, "0123.tmp"), new byte[] { 1, 2, 3 });
            File.Copy(Path.Combine(_temp.Path, good + ".dm"), Path.Combine(_temp.Path, "00000000000000000000000000000001.dm"));

            var problems = new List<string>();
            IReadOnlyList<DmStoredEnvelope> loaded = store.LoadAll(problems);

            Assert.Equal(envelope, Assert.Single(loaded).Envelope);
            Assert.Equal(2, problems.Count);
            Assert.Contains(problems, p => p.Contains("checksum", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("under its own request id", StringComparison.Ordinal));
            Assert.True(File.Exists(badPath + ".corrupt"));
            Assert.False(File.Exists(Path.Combine(_temp.Path, "0123.tmp")));
            Assert.DoesNotContain(store.LoadAll(problems), s => !s.Envelope.AsSpan().SequenceEqual(envelope));
        }

        [Fact]
        public void A_directory_that_cannot_be_written_makes_saves_fail_with_a_message()
        {
            if (OperatingSystem.IsWindows() || Environment.UserName == "root")
            {
                return; // root writes anywhere: nothing to show
            }

            var store = new DirectoryOutboxStore(_temp.Path);
            File.SetUnixFileMode(_temp.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                (DmRequestId id, byte[] envelope) = Envelope(10);
                Assert.False(store.TrySave(id, envelope, Priority.Telemetry, out string error));
                Assert.Contains("cannot store the message in the outbox", error, StringComparison.Ordinal);
            }
            finally
            {
                File.SetUnixFileMode(_temp.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        /// <summary>A layout-valid envelope (the store checks layout, not signatures).</summary>
        private static (DmRequestId Id, byte[] Envelope) Envelope(int payload)
        {
            var id = DmRequestId.NewId();
            var header = new EnvelopeHeader(id, new NodeId(1), new NodeId(2), 5, 10, EnvelopeHeader.MinCiphertextLength + payload);
            byte[] envelope = new byte[header.EnvelopeLength];
            header.Write(envelope, new byte[32]);
            return (id, envelope);
        }
    }
}

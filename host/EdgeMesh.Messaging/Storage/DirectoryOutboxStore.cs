using System;
using System.Collections.Generic;
using System.IO;
using EdgeMesh.Messaging.Wire;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Storage
{
    /// <summary>
    /// The outbox on disk: one file per message, <c>&lt;request id&gt;.dm</c> (docs/direct-messages.md
    /// §8.1), in a directory created with mode 0700 and files with mode 0600. A save writes a temporary
    /// file, flushes it to the device, renames it into place and flushes the directory, so after a crash
    /// or power cut a message is either wholly there or was never reported as accepted. Files that fail
    /// their checksum are renamed to <c>.corrupt</c> and reported, never resent or silently deleted.
    /// The recipient's durable inbox is the same store in another directory (docs/direct-messages.md §8.3).
    /// </summary>
    public sealed class DirectoryOutboxStore : IDmOutboxStore
    {
        private const string Extension = ".dm";
        private const string TemporaryExtension = ".tmp";
        private const string CorruptExtension = ".corrupt";
        private readonly bool _flushToDisk;
        private readonly string _role;

        /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
        /// <param name="directory">The outbox directory.</param>
        /// <param name="flushToDisk">Flush every save to the device (default). Off trades power-cut safety for speed; a process crash still loses nothing.</param>
        /// <param name="role">What the store holds, for its error messages: "outbox" (default) or "inbox".</param>
        public DirectoryOutboxStore(string directory, bool flushToDisk = true, string role = "outbox")
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            ArgumentException.ThrowIfNullOrEmpty(role);
            Directory = Path.GetFullPath(directory);
            _flushToDisk = flushToDisk;
            _role = role;
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        /// <summary>The outbox directory (absolute).</summary>
        public string Directory { get; }

        /// <summary>Saves whose directory flush was not available (non-Linux): counted, not an error.</summary>
        public long DirectoryFlushesSkipped { get; private set; }

        /// <inheritdoc />
        public bool TrySave(DmRequestId id, ReadOnlySpan<byte> envelope, Priority priority, out string error)
        {
            string name = id.ToString();
            string final = Path.Combine(Directory, name + Extension);
            string temporary = Path.Combine(Directory, name + TemporaryExtension);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temporary, options))
                {
                    stream.Write(OutboxFile.Encode(envelope, priority));
                    stream.Flush(flushToDisk: _flushToDisk);
                }

                File.Move(temporary, final, overwrite: true);
                if (_flushToDisk && !EdgeMesh.Security.Storage.DirectorySync.TryFlush(Directory))
                {
                    DirectoryFlushesSkipped++;
                }

                error = string.Empty;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                TryDelete(temporary);
                error = "cannot store the message in the " + _role + " " + Directory + ": " + ex.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public void Delete(DmRequestId id)
        {
            TryDelete(Path.Combine(Directory, id.ToString() + Extension));
        }

        /// <inheritdoc />
        public IReadOnlyList<DmStoredEnvelope> LoadAll(ICollection<string> problems)
        {
            ArgumentNullException.ThrowIfNull(problems);
            var envelopes = new List<DmStoredEnvelope>();
            string[] temporaries;
            string[] paths;
            try
            {
                temporaries = System.IO.Directory.GetFiles(Directory, "*" + TemporaryExtension);
                paths = System.IO.Directory.GetFiles(Directory, "*" + Extension);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Add(Directory + ": cannot list the " + _role + ": " + ex.Message);
                return envelopes;
            }

            foreach (string temporary in temporaries)
            {
                // A save that did not finish: its send was never reported as accepted.
                TryDelete(temporary);
            }

            Array.Sort(paths, StringComparer.Ordinal);
            foreach (string path in paths)
            {
                string? problem = TryRead(path, out DmStoredEnvelope stored);
                if (problem == null)
                {
                    envelopes.Add(stored);
                    continue;
                }

                problems.Add(path + ": " + problem + "; kept as " + Path.GetFileName(path) + CorruptExtension);
                try
                {
                    File.Move(path, path + CorruptExtension, overwrite: true);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    problems.Add(path + ": cannot set it aside: " + ex.Message);
                }
            }

            return envelopes;
        }

        private static string? TryRead(string path, out DmStoredEnvelope stored)
        {
            stored = default;
            try
            {
                var info = new FileInfo(path);
                if (info.Length > OutboxFile.MaxLength)
                {
                    return "too long (" + info.Length + " bytes) to be an outbox file";
                }

                byte[] file = File.ReadAllBytes(path);
                if (!OutboxFile.TryDecode(file, out ReadOnlySpan<byte> content, out Priority priority))
                {
                    return "not a valid outbox file (bad layout or checksum)";
                }

                if (EnvelopeHeader.TryParse(content, out EnvelopeHeader header) != DmRefusal.None
                    || !string.Equals(header.RequestId.ToString() + Extension, Path.GetFileName(path), StringComparison.Ordinal))
                {
                    return "does not hold a valid envelope under its own request id";
                }

                stored = new DmStoredEnvelope(content.ToArray(), priority);
                return null;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return "cannot read: " + ex.Message;
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Best effort: a leftover entry is resent after a restart and deduplicated by the recipient.
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;

namespace EdgeMesh.State.Storage
{
    /// <summary>
    /// The fleet state on disk (docs/fleet-state.md §6): <c>state.snapshot</c> (the whole state as
    /// one record) and <c>state.log</c> (deltas appended since), in a directory of mode 0700 with
    /// files of mode 0600. An append is flushed to the device before it is reported stored; a
    /// compaction writes the new snapshot to a temporary file, flushes it, renames it into place and
    /// flushes the directory, then starts an empty log the same way, so a crash at any point leaves
    /// the old or the new snapshot and a log whose replay (idempotent merges) gives the same state.
    /// A torn tail record (power cut during an append) is cut off on load and reported.
    /// </summary>
    public sealed class DirectoryStateStore : IStateStore, IDisposable
    {
        private const string SnapshotName = "state.snapshot";
        private const string LogName = "state.log";
        private static ReadOnlySpan<byte> SnapshotMagic => "EMSS"u8;
        private static ReadOnlySpan<byte> LogMagic => "EMSL"u8;
        private readonly bool _flushToDisk;
        private FileStream? _log;

        /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
        public DirectoryStateStore(string directory, bool flushToDisk = true)
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            Directory = Path.GetFullPath(directory);
            _flushToDisk = flushToDisk;
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        /// <summary>The directory (absolute).</summary>
        public string Directory { get; }

        /// <inheritdoc />
        public long LogBytes { get; private set; }

        /// <inheritdoc />
        public bool TryAppend(ReadOnlySpan<byte> delta, out string error)
        {
            try
            {
                FileStream log = _log ??= OpenLog();
                log.Write(StateRecord.Frame(delta));
                log.Flush(flushToDisk: _flushToDisk);
                LogBytes = log.Length - StateRecord.FileHeaderLength;
                error = string.Empty;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                error = "cannot append to the state log in " + Directory + ": " + ex.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public bool TryCompact(ReadOnlySpan<byte> state, out string error)
        {
            try
            {
                byte[] record = StateRecord.Frame(state);
                byte[] file = new byte[StateRecord.FileHeaderLength + record.Length];
                StateRecord.WriteFileHeader(file, SnapshotMagic);
                record.CopyTo(file, StateRecord.FileHeaderLength);
                Replace(SnapshotName, file);
                _log?.Dispose();
                _log = null;
                byte[] empty = new byte[StateRecord.FileHeaderLength];
                StateRecord.WriteFileHeader(empty, LogMagic);
                Replace(LogName, empty);
                LogBytes = 0;
                error = string.Empty;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                error = "cannot compact the state in " + Directory + ": " + ex.Message;
                return false;
            }
        }

        /// <inheritdoc />
        public IReadOnlyList<byte[]> Load(ICollection<string> problems)
        {
            ArgumentNullException.ThrowIfNull(problems);
            var records = new List<byte[]>();
            string snapshot = Path.Combine(Directory, SnapshotName);
            string log = Path.Combine(Directory, LogName);
            TryDelete(snapshot + ".tmp");
            TryDelete(log + ".tmp");
            try
            {
                if (File.Exists(snapshot))
                {
                    byte[] file = File.ReadAllBytes(snapshot);
                    ReadOnlySpan<byte> payload = default;
                    int used = StateRecord.CheckFileHeader(file, SnapshotMagic) ? StateRecord.TryRead(file, StateRecord.FileHeaderLength, out payload) : 0;
                    if (used > 0 && used == file.Length - StateRecord.FileHeaderLength)
                    {
                        records.Add(payload.ToArray());
                    }
                    else
                    {
                        problems.Add(snapshot + ": not a valid snapshot (bad layout or checksum); kept as " + SnapshotName + ".corrupt");
                        File.Move(snapshot, snapshot + ".corrupt", overwrite: true);
                    }
                }

                if (File.Exists(log))
                {
                    byte[] file = File.ReadAllBytes(log);
                    int offset = StateRecord.FileHeaderLength;
                    if (!StateRecord.CheckFileHeader(file, LogMagic))
                    {
                        problems.Add(log + ": not a state log; kept as " + LogName + ".corrupt");
                        File.Move(log, log + ".corrupt", overwrite: true);
                        return records;
                    }

                    while (offset < file.Length)
                    {
                        int used = StateRecord.TryRead(file, offset, out ReadOnlySpan<byte> payload);
                        if (used == 0)
                        {
                            problems.Add(log + ": " + (file.Length - offset) + " bytes at offset " + offset + " are a torn or damaged record; cut off");
                            using var stream = new FileStream(log, FileMode.Open, FileAccess.Write);
                            stream.SetLength(offset);
                            stream.Flush(flushToDisk: _flushToDisk);
                            break;
                        }

                        records.Add(payload.ToArray());
                        offset += used;
                    }

                    LogBytes = offset - StateRecord.FileHeaderLength;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Add(Directory + ": cannot read the state: " + ex.Message);
            }

            return records;
        }

        /// <summary>Closes the log.</summary>
        public void Dispose()
        {
            _log?.Dispose();
            _log = null;
        }

        private FileStream OpenLog()
        {
            string path = Path.Combine(Directory, LogName);
            bool fresh = !File.Exists(path) || new FileInfo(path).Length < StateRecord.FileHeaderLength;
            if (fresh)
            {
                byte[] header = new byte[StateRecord.FileHeaderLength];
                StateRecord.WriteFileHeader(header, LogMagic);
                Replace(LogName, header);
            }

            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new FileStream(path, options);
        }

        private void Replace(string name, byte[] content)
        {
            string final = Path.Combine(Directory, name);
            string temporary = final + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: _flushToDisk);
            }

            File.Move(temporary, final, overwrite: true);
            if (_flushToDisk)
            {
                EdgeMesh.Security.Storage.DirectorySync.TryFlush(Directory);
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
                // A leftover temporary file is harmless: it is never read.
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace EdgeMesh.Bridge.Queue
{
    /// <summary>
    /// The QoS 1 outbound queue: one file per message, <c>&lt;sequence&gt;.emq</c>, in a directory of
    /// mode 0700. A message is written to a temporary file, flushed, renamed into place and the
    /// directory flushed before the mesh is told the bridge has it; it is deleted only after the
    /// broker's PUBACK. After a crash or restart the files are read back in sequence order, so the
    /// broker gets everything that was accepted and not yet acknowledged (possibly twice: at least once).
    /// Bounded by <see cref="Capacity"/>: when full, new messages are refused and counted
    /// (<see cref="Dropped"/>), the queued ones are kept (docs/mqtt.md §5).
    /// </summary>
    internal sealed class PersistentOutbox
    {
        private const string Extension = ".emq";
        private const string TemporaryExtension = ".tmp";
        private const string CorruptExtension = ".corrupt";
        private readonly object _gate = new object();
        private readonly SortedDictionary<ulong, OutboundMessage> _pending = new SortedDictionary<ulong, OutboundMessage>();
        private readonly bool _flushToDisk;
        private ulong _nextSequence = 1;
        private long _dropped;
        private long _writeFailures;

        internal PersistentOutbox(string directory, int capacity, bool flushToDisk)
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            Directory = Path.GetFullPath(directory);
            Capacity = capacity;
            _flushToDisk = flushToDisk;
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Load();
        }

        internal string Directory { get; }

        internal int Capacity { get; }

        /// <summary>Messages refused because the queue was full.</summary>
        internal long Dropped
        {
            get
            {
                lock (_gate)
                {
                    return _dropped;
                }
            }
        }

        /// <summary>Files that failed their checksum at start (renamed to .corrupt, never sent).</summary>
        internal int Corrupt { get; private set; }

        /// <summary>Saves that failed (disk full, I/O error): the message was refused, not half-kept.</summary>
        internal long WriteFailures
        {
            get
            {
                lock (_gate)
                {
                    return _writeFailures;
                }
            }
        }

        internal int Count
        {
            get
            {
                lock (_gate)
                {
                    return _pending.Count;
                }
            }
        }

        /// <summary>Per-rule count of queued messages, for status.</summary>
        internal int CountFor(string rule)
        {
            lock (_gate)
            {
                int n = 0;
                foreach (OutboundMessage m in _pending.Values)
                {
                    if (string.Equals(m.Rule, rule, StringComparison.Ordinal))
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>Persists <paramref name="message"/> (assigning its sequence); false if full or the write failed.</summary>
        internal bool TryEnqueue(OutboundMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            lock (_gate)
            {
                if (_pending.Count >= Capacity)
                {
                    _dropped++;
                    return false;
                }

                message.Sequence = _nextSequence;
                if (!TryWrite(message))
                {
                    _writeFailures++;
                    return false;
                }

                _nextSequence++;
                _pending.Add(message.Sequence, message);
                return true;
            }
        }

        /// <summary>Copies up to <paramref name="max"/> oldest messages into <paramref name="into"/>.</summary>
        internal int PeekOldest(List<OutboundMessage> into, int max)
        {
            ArgumentNullException.ThrowIfNull(into);
            into.Clear();
            lock (_gate)
            {
                foreach (OutboundMessage m in _pending.Values)
                {
                    if (into.Count >= max)
                    {
                        break;
                    }

                    into.Add(m);
                }
            }

            return into.Count;
        }

        /// <summary>The broker acknowledged <paramref name="sequence"/>: forget it.</summary>
        internal void Complete(ulong sequence)
        {
            lock (_gate)
            {
                if (!_pending.Remove(sequence))
                {
                    return;
                }

                try
                {
                    File.Delete(PathFor(sequence, Extension));
                }
                catch (IOException)
                {
                    // A file left behind is sent once more after a restart: at least once still holds.
                }
                catch (UnauthorizedAccessException)
                {
                    // As above.
                }
            }
        }

        private string PathFor(ulong sequence, string extension)
        {
            return Path.Combine(Directory, sequence.ToString("D20", CultureInfo.InvariantCulture) + extension);
        }

        private bool TryWrite(OutboundMessage message)
        {
            string final = PathFor(message.Sequence, Extension);
            string temporary = PathFor(message.Sequence, TemporaryExtension);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temporary, options))
                {
                    stream.Write(QueueFile.Encode(message));
                    stream.Flush(flushToDisk: _flushToDisk);
                }

                File.Move(temporary, final, overwrite: true);
                if (_flushToDisk)
                {
                    _ = DirectorySync.TryFlush(Directory);
                }

                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (IOException)
                {
                }

                return false;
            }
        }

        private void Load()
        {
            foreach (string temporary in System.IO.Directory.EnumerateFiles(Directory, "*" + TemporaryExtension))
            {
                // A save that never reached its rename: the mesh was never told it was accepted.
                File.Delete(temporary);
            }

            ulong highest = 0;
            foreach (string path in System.IO.Directory.EnumerateFiles(Directory, "*" + Extension))
            {
                var info = new FileInfo(path);
                OutboundMessage? message = null;
                bool ok = info.Length <= QueueFile.MaxFileLength
                    && ulong.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out ulong named)
                    && QueueFile.TryDecode(File.ReadAllBytes(path), out message)
                    && message != null && message.Sequence == named && !_pending.ContainsKey(named);
                if (!ok || message == null)
                {
                    Corrupt++;
                    File.Move(path, path + CorruptExtension, overwrite: true);
                    continue;
                }

                _pending.Add(message.Sequence, message);
                highest = Math.Max(highest, message.Sequence);
            }

            _nextSequence = highest + 1;
        }
    }
}

using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace EdgeMesh.Bridge.Queue
{
    /// <summary>
    /// The QoS 1 outbound queue on disk (docs/mqtt.md §5): an append-only log in segment files
    /// <c>&lt;first sequence&gt;.emlog</c>, in a directory of mode 0700. Each message is one record
    /// appended (one write; flushed to the device when <c>flushToDisk</c>) before the mesh is told
    /// the bridge has it; the broker's PUBACK appends an acknowledgement record. After a crash or
    /// restart the segments are read back: messages without an acknowledgement are pending again,
    /// in sequence order (so the broker may see a message twice: at least once). Records carry a
    /// CRC-32; a torn or damaged record ends the reading of its segment and is counted
    /// (<see cref="Corrupt"/>), never sent. A segment is deleted once it and every older segment
    /// hold no pending message; when more than <see cref="MaxSegments"/> exist, the pending messages
    /// of a sparse oldest one are copied forward so one stuck message cannot pin the disk.
    /// Bounded by <see cref="Capacity"/> messages: when full, new messages are refused and counted
    /// (<see cref="Dropped"/>); the queued ones are kept.
    /// </summary>
    internal sealed class PersistentOutbox : IDisposable
    {
        /// <summary>A segment is closed and a new one started past this size.</summary>
        internal const long SegmentBytes = 4L * 1024 * 1024;

        /// <summary>Segments kept before the oldest sparse one is compacted.</summary>
        internal const int MaxSegments = 8;

        private const string Extension = ".emlog";
        private const string CorruptExtension = ".corrupt";
        private const byte MessageRecord = 1;
        private const byte AckRecord = 2;
        private const int RecordOverhead = 4 + 1 + 4; // length, kind, CRC
        private const int MaxRecordBody = QueueFile.MaxFileLength;

        private readonly object _gate = new object();
        private readonly SortedDictionary<ulong, Entry> _pending = new SortedDictionary<ulong, Entry>();
        private readonly List<Segment> _segments = new List<Segment>();
        private readonly bool _flushToDisk;
        private FileStream? _current;
        private Segment? _currentSegment;
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

        /// <summary>Damaged or torn records found at start (their segment was read up to them; they are never sent).</summary>
        internal int Corrupt { get; private set; }

        /// <summary>Appends that failed (disk full, I/O error): the message was refused, not half-kept.</summary>
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

        /// <summary>Segment files on disk now.</summary>
        internal int SegmentCount
        {
            get
            {
                lock (_gate)
                {
                    return _segments.Count;
                }
            }
        }

        /// <summary>Per-rule count of queued messages, for status.</summary>
        internal int CountFor(string rule)
        {
            lock (_gate)
            {
                int n = 0;
                foreach (Entry e in _pending.Values)
                {
                    if (string.Equals(e.Message.Rule, rule, StringComparison.Ordinal))
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
                if (!TryAppend(MessageRecord, QueueFile.Encode(message), out Segment? segment) || segment == null)
                {
                    _writeFailures++;
                    return false;
                }

                _nextSequence++;
                segment.Pending++;
                _pending.Add(message.Sequence, new Entry(message, segment));
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
                foreach (Entry e in _pending.Values)
                {
                    if (into.Count >= max)
                    {
                        break;
                    }

                    into.Add(e.Message);
                }
            }

            return into.Count;
        }

        /// <summary>The broker acknowledged <paramref name="sequence"/>: record that and forget it.</summary>
        internal void Complete(ulong sequence)
        {
            lock (_gate)
            {
                if (!_pending.Remove(sequence, out Entry? entry))
                {
                    return;
                }

                entry.Segment.Pending--;
                byte[] body = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(body, sequence);

                // If this append fails the message is sent once more after a restart: at least once holds.
                _ = TryAppend(AckRecord, body, out _);
                DeleteDrainedSegments();
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _current?.Dispose();
                _current = null;
                _currentSegment = null;
            }
        }

        private bool TryAppend(byte kind, byte[] body, out Segment? segment)
        {
            segment = null;
            try
            {
                if (_current == null || _currentSegment == null || _currentSegment.Bytes >= SegmentBytes)
                {
                    StartSegment();
                }

                byte[] record = new byte[RecordOverhead + body.Length];
                BinaryPrimitives.WriteUInt32BigEndian(record, (uint)body.Length);
                record[4] = kind;
                body.CopyTo(record, 5);
                BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(5 + body.Length), Crc32.Compute(record.AsSpan(4, 1 + body.Length)));
                _current!.Write(record);
                if (_flushToDisk)
                {
                    _current.Flush(flushToDisk: true);
                }

                _currentSegment!.Bytes += record.Length;
                _currentSegment.Records++;
                segment = _currentSegment;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // A half-written record fails its CRC at the next start; start a fresh segment after it.
                _current?.Dispose();
                _current = null;
                _currentSegment = null;
                return false;
            }
        }

        private void StartSegment()
        {
            _current?.Dispose();
            string path = Path.Combine(Directory, _nextSequence.ToString("D20", CultureInfo.InvariantCulture) + Extension);
            for (int i = 1; File.Exists(path); i++)
            {
                // Same first sequence as an older segment (nothing was appended to it): keep both apart.
                path = Path.Combine(Directory, _nextSequence.ToString("D20", CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture) + Extension);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            _current = new FileStream(path, options);
            if (_flushToDisk)
            {
                _ = EdgeMesh.Security.Storage.DirectorySync.TryFlush(Directory);
            }

            _currentSegment = new Segment(path);
            _segments.Add(_currentSegment);
            DeleteDrainedSegments();
            CompactOldest();
        }

        private void DeleteDrainedSegments()
        {
            // Oldest first only: an acknowledgement in a newer segment may refer to a message in an older one.
            while (_segments.Count > 0 && _segments[0].Pending == 0 && _segments[0] != _currentSegment)
            {
                TryDelete(_segments[0].Path);
                _segments.RemoveAt(0);
            }
        }

        private void CompactOldest()
        {
            if (_segments.Count <= MaxSegments || _currentSegment == null)
            {
                return;
            }

            Segment oldest = _segments[0];
            if (oldest.Pending * 4 > oldest.Records)
            {
                return; // mostly still pending: copying it would not free much
            }

            foreach (Entry e in _pending.Values)
            {
                if (e.Segment == oldest)
                {
                    if (!TryAppend(MessageRecord, QueueFile.Encode(e.Message), out Segment? moved) || moved == null)
                    {
                        return;
                    }

                    e.Segment = moved;
                    moved.Pending++;
                    oldest.Pending--;
                }
            }

            DeleteDrainedSegments();
        }

        private void Load()
        {
            var files = new List<string>(System.IO.Directory.EnumerateFiles(Directory, "*" + Extension));
            files.Sort(StringComparer.Ordinal);
            var acked = new HashSet<ulong>();
            ulong highest = 0;
            foreach (string path in files)
            {
                var segment = new Segment(path);
                _segments.Add(segment);
                long length = new FileInfo(path).Length;
                if (length > SegmentBytes + RecordOverhead + MaxRecordBody)
                {
                    Corrupt++; // no segment grows this large: not ours, or damaged
                    File.Move(path, path + CorruptExtension, overwrite: true);
                    _segments.Remove(segment);
                    continue;
                }

                byte[] data = File.ReadAllBytes(path);
                int offset = 0;
                while (offset < data.Length)
                {
                    if (!TryReadRecord(data, offset, out byte kind, out ReadOnlySpan<byte> body, out int next))
                    {
                        Corrupt++;
                        break;
                    }

                    offset = next;
                    segment.Records++;
                    if (kind == MessageRecord && QueueFile.TryDecode(body, out OutboundMessage? message) && message != null)
                    {
                        highest = Math.Max(highest, message.Sequence);
                        if (_pending.TryGetValue(message.Sequence, out Entry? earlier))
                        {
                            earlier.Segment.Pending--; // copied forward by compaction: the newer copy counts
                        }

                        _pending[message.Sequence] = new Entry(message, segment);
                        segment.Pending++;
                    }
                    else if (kind == AckRecord && body.Length == 8)
                    {
                        ulong seq = BinaryPrimitives.ReadUInt64BigEndian(body);
                        acked.Add(seq);
                        highest = Math.Max(highest, seq);
                    }
                    else
                    {
                        Corrupt++;
                        break;
                    }
                }
            }

            foreach (ulong seq in acked)
            {
                if (_pending.Remove(seq, out Entry? entry))
                {
                    entry.Segment.Pending--;
                }
            }

            _nextSequence = highest + 1;
            DeleteDrainedSegments();
        }

        private static bool TryReadRecord(byte[] data, int offset, out byte kind, out ReadOnlySpan<byte> body, out int next)
        {
            kind = 0;
            body = default;
            next = offset;
            if (data.Length - offset < RecordOverhead)
            {
                return false;
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
            if (length > MaxRecordBody || data.Length - offset - RecordOverhead < length)
            {
                return false;
            }

            int bodyLength = (int)length;
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset + 5 + bodyLength));
            if (Crc32.Compute(data.AsSpan(offset + 4, 1 + bodyLength)) != crc)
            {
                return false;
            }

            kind = data[offset + 4];
            body = data.AsSpan(offset + 5, bodyLength);
            next = offset + RecordOverhead + bodyLength;
            return true;
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Left behind: its messages are all acknowledged, so reading it again sends nothing.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private sealed class Segment
        {
            internal Segment(string path)
            {
                Path = path;
            }

            internal string Path { get; }

            internal long Bytes { get; set; }

            internal int Records { get; set; }

            internal int Pending { get; set; }
        }

        private sealed class Entry
        {
            internal Entry(OutboundMessage message, Segment segment)
            {
                Message = message;
                Segment = segment;
            }

            internal OutboundMessage Message { get; }

            internal Segment Segment { get; set; }
        }
    }
}

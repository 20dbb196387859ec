using System;
using System.Collections.Generic;

namespace EdgeMesh.State.Storage
{
    /// <summary>
    /// A store in memory with the same record framing as the directory store (the simulator's
    /// disk: a crashed node's replica is discarded and a new one replays this). Optionally tears the
    /// last append, as a power cut during a write would.
    /// </summary>
    public sealed class MemoryStateStore : IStateStore
    {
        private byte[]? _snapshot;
        private readonly List<byte[]> _log = new List<byte[]>();

        /// <inheritdoc />
        public long LogBytes { get; private set; }

        /// <summary>Bytes held (snapshot and log).</summary>
        public long TotalBytes => LogBytes + (_snapshot?.Length ?? 0);

        /// <inheritdoc />
        public bool TryAppend(ReadOnlySpan<byte> delta, out string error)
        {
            byte[] record = StateRecord.Frame(delta);
            _log.Add(record);
            LogBytes += record.Length;
            error = string.Empty;
            return true;
        }

        /// <inheritdoc />
        public bool TryCompact(ReadOnlySpan<byte> state, out string error)
        {
            _snapshot = StateRecord.Frame(state);
            _log.Clear();
            LogBytes = 0;
            error = string.Empty;
            return true;
        }

        /// <summary>Cuts the last log record short (a torn write).</summary>
        public void TearLastRecord()
        {
            if (_log.Count > 0)
            {
                byte[] last = _log[^1];
                _log[^1] = last.AsSpan(0, last.Length / 2).ToArray();
            }
        }

        /// <inheritdoc />
        public IReadOnlyList<byte[]> Load(ICollection<string> problems)
        {
            ArgumentNullException.ThrowIfNull(problems);
            var records = new List<byte[]>();
            if (_snapshot != null)
            {
                if (StateRecord.TryRead(_snapshot, 0, out ReadOnlySpan<byte> payload) == _snapshot.Length)
                {
                    records.Add(payload.ToArray());
                }
                else
                {
                    problems.Add("snapshot: damaged");
                }
            }

            for (int i = 0; i < _log.Count; i++)
            {
                if (StateRecord.TryRead(_log[i], 0, out ReadOnlySpan<byte> payload) != _log[i].Length)
                {
                    problems.Add("log record " + i + ": torn or damaged; it and later records dropped");
                    _log.RemoveRange(i, _log.Count - i);
                    break;
                }

                records.Add(payload.ToArray());
            }

            return records;
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Crdt
{
    /// <summary>
    /// A map of last-writer-wins entries. A removal is a tombstone write, so a late older write
    /// cannot bring a key back; tombstones are dropped by <see cref="PruneTombstones"/> once older
    /// than the documented horizon (docs/fleet-state.md §5).
    /// </summary>
    public sealed class LwwMap : IDeltaCrdt<LwwMap>
    {
        private readonly SortedDictionary<string, LwwEntry> _entries = new SortedDictionary<string, LwwEntry>(StringComparer.Ordinal);

        /// <inheritdoc />
        public bool IsEmpty => _entries.Count == 0;

        /// <summary>Keys held, tombstones included.</summary>
        public int Count => _entries.Count;

        /// <summary>Every entry, tombstones included, in key order.</summary>
        public IEnumerable<KeyValuePair<string, LwwEntry>> Entries => _entries;

        /// <summary>The live value of <paramref name="key"/>; false when absent or removed.</summary>
        public bool TryGet(string key, out byte[] value)
        {
            if (_entries.TryGetValue(key, out LwwEntry entry) && entry.Value != null)
            {
                value = entry.Value;
                return true;
            }

            value = Array.Empty<byte>();
            return false;
        }

        /// <summary>Writes a value; returns the delta.</summary>
        public LwwMap Set(string key, byte[] value, HybridTimestamp timestamp)
        {
            ArgumentNullException.ThrowIfNull(value);
            return Apply(key, new LwwEntry(timestamp, (byte[])value.Clone()));
        }

        /// <summary>Writes a tombstone; returns the delta.</summary>
        public LwwMap Remove(string key, HybridTimestamp timestamp)
        {
            return Apply(key, new LwwEntry(timestamp, null));
        }

        /// <summary>Drops tombstones written before <paramref name="beforeWallMs"/>; returns how many.</summary>
        public int PruneTombstones(long beforeWallMs)
        {
            var dead = new List<string>();
            foreach (KeyValuePair<string, LwwEntry> entry in _entries)
            {
                if (entry.Value.IsTombstone && entry.Value.Timestamp.WallMs < beforeWallMs)
                {
                    dead.Add(entry.Key);
                }
            }

            foreach (string key in dead)
            {
                _entries.Remove(key);
            }

            return dead.Count;
        }

        /// <inheritdoc />
        public bool MergeFrom(LwwMap other)
        {
            bool changed = false;
            foreach (KeyValuePair<string, LwwEntry> entry in other._entries)
            {
                if (!_entries.TryGetValue(entry.Key, out LwwEntry mine) || entry.Value.Beats(mine))
                {
                    _entries[entry.Key] = entry.Value;
                    changed = true;
                }
            }

            return changed;
        }

        /// <inheritdoc />
        public LwwMap Clone()
        {
            var copy = new LwwMap();
            copy.MergeFrom(this);
            return copy;
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.LwwMap);
            writer.WriteVarint((ulong)_entries.Count);
            foreach (KeyValuePair<string, LwwEntry> entry in _entries)
            {
                writer.WriteKey(entry.Key);
                entry.Value.Timestamp.WriteTo(writer);
                if (entry.Value.Value == null)
                {
                    writer.WriteByte(0);
                }
                else
                {
                    writer.WriteByte(1);
                    writer.WriteBytes(entry.Value.Value);
                }
            }
        }

        /// <inheritdoc />
        public static LwwMap CreateEmpty()
        {
            return new LwwMap();
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out LwwMap? value)
        {
            value = null;
            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.LwwMap);
            int count = 0;
            if (error == StateError.None)
            {
                error = reader.ReadCount(StateLimits.MaxEntries, 12, out count);
            }

            var result = new LwwMap();
            string? previous = null;
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = reader.ReadKey(out string key);
                HybridTimestamp ts = default;
                byte flag = 0;
                if (error == StateError.None)
                {
                    error = HybridTimestamp.TryRead(ref reader, out ts);
                }

                if (error == StateError.None)
                {
                    error = reader.ReadByte(out flag);
                }

                if (error != StateError.None)
                {
                    break;
                }

                byte[]? bytes = null;
                if (flag == 1)
                {
                    error = reader.ReadBytes(StateLimits.MaxValueBytes, out byte[] read);
                    bytes = read;
                }
                else if (flag != 0)
                {
                    error = StateError.NotCanonical;
                }

                if (error == StateError.None && previous != null && string.CompareOrdinal(key, previous) <= 0)
                {
                    error = StateError.NotCanonical;
                }

                if (error == StateError.None)
                {
                    result._entries.Add(key, new LwwEntry(ts, bytes));
                    previous = key;
                }
            }

            if (error == StateError.None)
            {
                value = result;
            }

            return error;
        }

        private LwwMap Apply(string key, LwwEntry entry)
        {
            ArgumentNullException.ThrowIfNull(key);
            var delta = new LwwMap();
            delta._entries.Add(key, entry);
            MergeFrom(delta);
            return delta;
        }
    }
}

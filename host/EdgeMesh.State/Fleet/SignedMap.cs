using System;
using System.Collections.Generic;
using EdgeMesh.Security;
using EdgeMesh.Security.Admission;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Codec;
using EdgeMesh.State.Crdt;

namespace EdgeMesh.State.Fleet
{
    /// <summary>
    /// The fleet state as a CRDT (docs/fleet-state.md §5): per key, the latest signed entry of
    /// each author (larger timestamp wins, then larger signature bytes), and per author the
    /// certificate that proves its roles (later expiry wins). Both parts merge by maximum, so the
    /// map is a join-semilattice whatever entries it holds. Reading follows multi-value register
    /// rules: an author's latest entry is live unless another author's entry replaced it (listed it
    /// in its supersedes); two live entries are a conflict and both are shown.
    /// </summary>
    public sealed class SignedMap : IDeltaCrdt<SignedMap>
    {
        private readonly SortedDictionary<string, SortedDictionary<ulong, SignedEntry>> _keys = new SortedDictionary<string, SortedDictionary<ulong, SignedEntry>>(StringComparer.Ordinal);
        private readonly SortedDictionary<ulong, byte[]> _certificates = new SortedDictionary<ulong, byte[]>();

        /// <inheritdoc />
        public bool IsEmpty => _keys.Count == 0 && _certificates.Count == 0;

        /// <summary>Keys held (removed keys included until pruned).</summary>
        public int KeyCount => _keys.Count;

        /// <summary>Certificates held.</summary>
        public int CertificateCount => _certificates.Count;

        /// <summary>Every key held, in ordinal order.</summary>
        public IEnumerable<string> Keys => _keys.Keys;

        /// <summary>Certificates by author.</summary>
        internal SortedDictionary<ulong, byte[]> Certificates => _certificates;

        /// <summary>Every author's latest entry per key.</summary>
        internal SortedDictionary<string, SortedDictionary<ulong, SignedEntry>> Entries => _keys;

        /// <summary>The certificate of <paramref name="author"/>, or null.</summary>
        public byte[]? CertificateOf(ulong author)
        {
            return _certificates.TryGetValue(author, out byte[]? c) ? c : null;
        }

        /// <summary>The latest entry of <paramref name="author"/> on <paramref name="key"/>, or null.</summary>
        public SignedEntry? EntryOf(string key, ulong author)
        {
            return _keys.TryGetValue(key, out SortedDictionary<ulong, SignedEntry>? byAuthor) && byAuthor.TryGetValue(author, out SignedEntry? e) ? e : null;
        }

        /// <summary>The live entries of <paramref name="key"/> (removals included), sorted by author.</summary>
        public IReadOnlyList<SignedEntry> Live(string key)
        {
            var live = new List<SignedEntry>();
            if (!_keys.TryGetValue(key, out SortedDictionary<ulong, SignedEntry>? byAuthor))
            {
                return live;
            }

            foreach (SignedEntry candidate in byAuthor.Values)
            {
                bool replaced = false;
                foreach (SignedEntry other in byAuthor.Values)
                {
                    if (other.Author != candidate.Author && Covers(other, candidate.Timestamp))
                    {
                        replaced = true;
                        break;
                    }
                }

                if (!replaced)
                {
                    live.Add(candidate);
                }
            }

            return live;
        }

        /// <summary>What a new write of <paramref name="author"/> on <paramref name="key"/> replaces: every other author's latest timestamp there.</summary>
        public List<HybridTimestamp> SupersedesFor(string key, ulong author)
        {
            var result = new List<HybridTimestamp>();
            if (_keys.TryGetValue(key, out SortedDictionary<ulong, SignedEntry>? byAuthor))
            {
                foreach (SignedEntry e in byAuthor.Values)
                {
                    if (e.Author != author)
                    {
                        result.Add(e.Timestamp);
                    }
                }
            }

            return result;
        }

        /// <summary>A map holding one entry and its author's certificate (the delta of a write).</summary>
        public static SignedMap Single(SignedEntry entry, byte[] certificate)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ArgumentNullException.ThrowIfNull(certificate);
            var map = new SignedMap();
            map.AddEntry(entry);
            map._certificates[entry.Author] = certificate;
            return map;
        }

        /// <summary>Adds one entry if it beats the author's current one on its key; true when it did.</summary>
        internal bool AddEntry(SignedEntry entry)
        {
            if (!_keys.TryGetValue(entry.Key, out SortedDictionary<ulong, SignedEntry>? byAuthor))
            {
                byAuthor = new SortedDictionary<ulong, SignedEntry>();
                _keys.Add(entry.Key, byAuthor);
            }

            if (byAuthor.TryGetValue(entry.Author, out SignedEntry? mine) && !Beats(entry, mine))
            {
                return false;
            }

            byAuthor[entry.Author] = entry;
            return true;
        }

        /// <summary>Adds a certificate if it expires later than the one held; true when it did.</summary>
        internal bool AddCertificate(ulong author, byte[] certificate)
        {
            if (_certificates.TryGetValue(author, out byte[]? mine) && !CertificateBeats(certificate, mine))
            {
                return false;
            }

            _certificates[author] = certificate;
            return true;
        }

        /// <summary>True when merging <paramref name="entry"/> would change this map.</summary>
        internal bool WouldAccept(SignedEntry entry)
        {
            SignedEntry? mine = EntryOf(entry.Key, entry.Author);
            return mine == null || Beats(entry, mine);
        }

        /// <summary>True when merging <paramref name="certificate"/> would change this map.</summary>
        internal bool WouldAcceptCertificate(ulong author, byte[] certificate)
        {
            return !_certificates.TryGetValue(author, out byte[]? mine) || CertificateBeats(certificate, mine);
        }

        /// <summary>
        /// Drops keys whose live entries are all removals written before <paramref name="beforeWallMs"/>,
        /// and certificates of authors that no longer have entries; returns the keys dropped. Not a
        /// lattice operation: safe only once every replica has the removals (docs/fleet-state.md §6).
        /// </summary>
        public int Prune(long beforeWallMs, Func<string, bool>? alsoDrop = null)
        {
            var dead = new List<string>();
            foreach (KeyValuePair<string, SortedDictionary<ulong, SignedEntry>> key in _keys)
            {
                bool old = true;
                foreach (SignedEntry e in key.Value.Values)
                {
                    old &= e.Timestamp.WallMs < beforeWallMs;
                }

                if (!old)
                {
                    continue;
                }

                bool removed = true;
                foreach (SignedEntry e in Live(key.Key))
                {
                    removed &= e.IsTombstone;
                }

                if (removed || (alsoDrop != null && alsoDrop(key.Key)))
                {
                    dead.Add(key.Key);
                }
            }

            foreach (string key in dead)
            {
                _keys.Remove(key);
            }

            if (dead.Count > 0)
            {
                var authors = new HashSet<ulong>();
                foreach (SortedDictionary<ulong, SignedEntry> byAuthor in _keys.Values)
                {
                    authors.UnionWith(byAuthor.Keys);
                }

                var unused = new List<ulong>();
                foreach (ulong author in _certificates.Keys)
                {
                    if (!authors.Contains(author))
                    {
                        unused.Add(author);
                    }
                }

                foreach (ulong author in unused)
                {
                    _certificates.Remove(author);
                }
            }

            return dead.Count;
        }

        /// <inheritdoc />
        public bool MergeFrom(SignedMap other)
        {
            bool changed = false;
            foreach (KeyValuePair<ulong, byte[]> cert in other._certificates)
            {
                changed |= AddCertificate(cert.Key, cert.Value);
            }

            foreach (SortedDictionary<ulong, SignedEntry> byAuthor in other._keys.Values)
            {
                foreach (SignedEntry entry in byAuthor.Values)
                {
                    changed |= AddEntry(entry);
                }
            }

            return changed;
        }

        /// <inheritdoc />
        public SignedMap Clone()
        {
            // Entries and certificates are immutable, so the copy shares them.
            var copy = new SignedMap();
            copy.MergeFrom(this);
            return copy;
        }

        /// <inheritdoc />
        public void WriteTo(StateWriter writer)
        {
            writer.WriteByte((byte)CrdtKind.SignedMap);
            writer.WriteVarint((ulong)_certificates.Count);
            foreach (KeyValuePair<ulong, byte[]> cert in _certificates)
            {
                writer.WriteUInt64(cert.Key);
                writer.WriteRaw(cert.Value);
            }

            writer.WriteVarint((ulong)_keys.Count);
            foreach (KeyValuePair<string, SortedDictionary<ulong, SignedEntry>> key in _keys)
            {
                writer.WriteKey(key.Key);
                writer.WriteVarint((ulong)key.Value.Count);
                foreach (SignedEntry entry in key.Value.Values)
                {
                    entry.WriteBody(writer);
                }
            }
        }

        /// <inheritdoc />
        public static SignedMap CreateEmpty()
        {
            return new SignedMap();
        }

        /// <inheritdoc />
        public static StateError TryRead(ref StateReader reader, out SignedMap? value)
        {
            value = null;
            StateError error = CrdtHeader.Expect(ref reader, CrdtKind.SignedMap);
            int count = 0;
            if (error == StateError.None)
            {
                error = reader.ReadCount(StateLimits.MaxEntries, 8 + NodeCertificate.Length, out count);
            }

            var map = new SignedMap();
            ulong previous = 0;
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = reader.ReadNode(out ulong author);
                if (error == StateError.None)
                {
                    error = reader.ReadRaw(NodeCertificate.Length, out ReadOnlySpan<byte> cert);
                    if (error == StateError.None)
                    {
                        error = i > 0 && author <= previous ? StateError.NotCanonical : StateError.None;
                        map._certificates[author] = cert.ToArray();
                        previous = author;
                    }
                }
            }

            if (error == StateError.None)
            {
                error = reader.ReadCount(StateLimits.MaxEntries, 2, out count);
            }

            string? previousKey = null;
            for (int i = 0; i < count && error == StateError.None; i++)
            {
                error = reader.ReadKey(out string key);
                int authors = 0;
                if (error == StateError.None)
                {
                    error = previousKey != null && string.CompareOrdinal(key, previousKey) <= 0 ? StateError.NotCanonical : StateError.None;
                }

                if (error == StateError.None)
                {
                    error = reader.ReadCount(StateLimits.MaxEntries, 10 + Ed25519KeyPair.SignatureLength, out authors);
                    if (error == StateError.None && authors == 0)
                    {
                        error = StateError.NotCanonical;
                    }
                }

                var byAuthor = new SortedDictionary<ulong, SignedEntry>();
                ulong previousAuthor = 0;
                for (int a = 0; a < authors && error == StateError.None; a++)
                {
                    error = SignedEntry.TryReadBody(ref reader, key, out SignedEntry? entry);
                    if (error == StateError.None)
                    {
                        if (a > 0 && entry!.Author <= previousAuthor)
                        {
                            error = StateError.NotCanonical;
                        }
                        else
                        {
                            byAuthor.Add(entry!.Author, entry);
                            previousAuthor = entry.Author;
                        }
                    }
                }

                if (error == StateError.None)
                {
                    map._keys.Add(key, byAuthor);
                    previousKey = key;
                }
            }

            if (error == StateError.None)
            {
                value = map;
            }

            return error;
        }

        private static bool Covers(SignedEntry entry, HybridTimestamp timestamp)
        {
            foreach (HybridTimestamp s in entry.Supersedes)
            {
                if (s.Node == timestamp.Node)
                {
                    return s >= timestamp;
                }
            }

            return false;
        }

        private static bool Beats(SignedEntry a, SignedEntry b)
        {
            int c = a.Timestamp.CompareTo(b.Timestamp);
            return c > 0 || (c == 0 && a.Signature.AsSpan().SequenceCompareTo(b.Signature) > 0);
        }

        private static bool CertificateBeats(byte[] a, byte[] b)
        {
            long notAfterA = NodeCertificate.TryParse(a, out NodeCertificate ca) == AdmissionError.None ? ca.NotAfterMs : long.MinValue;
            long notAfterB = NodeCertificate.TryParse(b, out NodeCertificate cb) == AdmissionError.None ? cb.NotAfterMs : long.MinValue;
            return notAfterA > notAfterB || (notAfterA == notAfterB && a.AsSpan().SequenceCompareTo(b) > 0);
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;
using EdgeMesh.State.Codec;

namespace EdgeMesh.State.Fleet
{
    /// <summary>
    /// Checks received fleet-state entries before they are merged (docs/fleet-state.md §5): the
    /// author's certificate is the fleet root's, of this fleet, for the author's key and valid at
    /// the entry's time and now; the key policy lets the certificate's roles write the key; the
    /// entry's signature verifies; it replaces nothing later than itself and is not dated beyond
    /// the allowed clock drift. Verified certificates are remembered (bounded) so each is checked once.
    /// </summary>
    public sealed class EntryVerifier
    {
        private readonly byte[] _root;
        private readonly ulong _fleetId;
        private readonly KeyPolicy _policy;
        private readonly long _maxDriftMs;
        private readonly Dictionary<ulong, byte[]> _verified = new Dictionary<ulong, byte[]>();
        private readonly long[] _verdicts = new long[9];
        private readonly StateWriter _scratch = new StateWriter(256);

        /// <summary>A verifier for the fleet whose root public key is <paramref name="fleetRootPublicKey"/>.</summary>
        public EntryVerifier(ReadOnlySpan<byte> fleetRootPublicKey, KeyPolicy policy, long maxDriftMs = 60_000, int certificateCacheCapacity = 4096)
        {
            ArgumentNullException.ThrowIfNull(policy);
            _root = fleetRootPublicKey.ToArray();
            _fleetId = FleetAuthority.DeriveFleetId(fleetRootPublicKey);
            _policy = policy;
            _maxDriftMs = maxDriftMs;
            CertificateCacheCapacity = certificateCacheCapacity;
        }

        /// <summary>Most verified certificates remembered (beyond it the cache is cleared, counted).</summary>
        public int CertificateCacheCapacity { get; }

        /// <summary>Times the certificate cache was full and cleared.</summary>
        public long CacheResets { get; private set; }

        /// <summary>The key policy.</summary>
        public KeyPolicy Policy => _policy;

        /// <summary>How many entries or certificates got <paramref name="verdict"/>.</summary>
        public long Count(EntryVerdict verdict)
        {
            return _verdicts[(int)verdict];
        }

        /// <summary>Checks a certificate for <paramref name="author"/> (structure, fleet, root signature, key-to-id binding, validity now).</summary>
        public EntryVerdict CheckCertificate(ulong author, byte[] certificate, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(certificate);
            if (NodeCertificate.TryParse(certificate, out NodeCertificate cert) != AdmissionError.None || cert.FleetId != _fleetId)
            {
                return EntryVerdict.BadCertificate;
            }

            if (nowMs < cert.NotBeforeMs || nowMs >= cert.NotAfterMs)
            {
                return EntryVerdict.CertificateExpired;
            }

            if (_verified.TryGetValue(author, out byte[]? known) && known.AsSpan().SequenceEqual(certificate))
            {
                return EntryVerdict.Accepted;
            }

            if (NodeIds.Derive(cert.PublicKey).Value != author)
            {
                return EntryVerdict.AuthorMismatch;
            }

            if (!cert.VerifySignature(_root))
            {
                return EntryVerdict.BadCertificate;
            }

            if (_verified.Count >= CertificateCacheCapacity)
            {
                _verified.Clear();
                CacheResets++;
            }

            _verified[author] = certificate;
            return EntryVerdict.Accepted;
        }

        /// <summary>Checks one entry against its author's certificate (already checked with <see cref="CheckCertificate"/>); counts the verdict.</summary>
        public EntryVerdict Verify(SignedEntry entry, byte[]? certificate, long nowMs)
        {
            EntryVerdict verdict = Check(entry, certificate, nowMs);
            _verdicts[(int)verdict]++;
            return verdict;
        }

        /// <summary>Counts a certificate refusal found by the caller.</summary>
        internal void CountRefusal(EntryVerdict verdict)
        {
            _verdicts[(int)verdict]++;
        }

        private EntryVerdict Check(SignedEntry entry, byte[]? certificate, long nowMs)
        {
            ArgumentNullException.ThrowIfNull(entry);
            if (certificate == null)
            {
                return EntryVerdict.NoCertificate;
            }

            EntryVerdict verdict = CheckCertificate(entry.Author, certificate, nowMs);
            if (verdict != EntryVerdict.Accepted)
            {
                return verdict;
            }

            NodeCertificate.TryParse(certificate, out NodeCertificate cert);
            if (entry.Timestamp.WallMs < cert.NotBeforeMs || entry.Timestamp.WallMs >= cert.NotAfterMs)
            {
                return EntryVerdict.CertificateExpired;
            }

            if (entry.Timestamp.WallMs > nowMs + _maxDriftMs)
            {
                return EntryVerdict.BadTimestamp;
            }

            foreach (var s in entry.Supersedes)
            {
                if (s >= entry.Timestamp)
                {
                    return EntryVerdict.BadTimestamp;
                }
            }

            verdict = _policy.Check(entry.Key, entry.Author, cert.Roles);
            if (verdict != EntryVerdict.Accepted)
            {
                return verdict;
            }

            return entry.VerifySignature(cert.PublicKey, _scratch) ? EntryVerdict.Accepted : EntryVerdict.BadSignature;
        }
    }
}

using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Security.Admission
{
    /// <summary>
    /// Sans-IO certificate store: which peers are admitted to this fleet (node id → public key,
    /// roles, expiry). Fed with certificates (from <c>FrameKind.Admission</c> frames) and revocation
    /// lists; consulted on every frame. The table holds at most <see cref="Capacity"/> peers; when it
    /// is full the least recently used entry is evicted (counted in <see cref="Evictions"/>) and that
    /// peer must present its certificate again. Lookups allocate nothing. Time is passed in
    /// (<c>nowMs</c>, Unix milliseconds). Not thread-safe: one owner (the receive loop) calls it.
    /// </summary>
    public sealed class PeerAdmission
    {
        private const int KeyLength = Ed25519KeyPair.PublicKeyLength;

        private readonly byte[] _rootPublicKey = new byte[KeyLength];
        private readonly Dictionary<ulong, int> _index;
        private readonly ulong[] _ids;
        private readonly byte[] _keys;
        private readonly Ed25519PublicKey?[] _verificationKeys;
        private readonly FleetRoles[] _roles;
        private readonly long[] _notAfter;
        private readonly long[] _lastUsed;
        private readonly int[] _freeSlots;
        private readonly ulong[] _revoked;
        private readonly long[] _certificateRejections = new long[AdmissionLimits.AdmissionErrorCount];
        private readonly long[] _revocationRejections = new long[AdmissionLimits.AdmissionErrorCount];
        private int _freeCount;
        private int _revokedCount;
        private byte[] _revocationList = Array.Empty<byte>();

        /// <summary>Creates an empty table that trusts the fleet root with <paramref name="fleetRootPublicKey"/>.</summary>
        /// <param name="fleetRootPublicKey">The fleet root's 32-byte public key (trust anchor).</param>
        /// <param name="capacity">Most peers held at once (1..1,000,000).</param>
        public PeerAdmission(ReadOnlySpan<byte> fleetRootPublicKey, int capacity)
        {
            if (fleetRootPublicKey.Length != KeyLength)
            {
                throw new ArgumentException("the fleet root public key is 32 bytes", nameof(fleetRootPublicKey));
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1_000_000);
            Sodium.EnsureInitialized();
            fleetRootPublicKey.CopyTo(_rootPublicKey);
            FleetId = FleetAuthority.DeriveFleetId(fleetRootPublicKey);
            Capacity = capacity;
            _index = new Dictionary<ulong, int>(capacity);
            _ids = new ulong[capacity];
            _keys = new byte[capacity * KeyLength];
            _verificationKeys = new Ed25519PublicKey?[capacity];
            _roles = new FleetRoles[capacity];
            _notAfter = new long[capacity];
            _lastUsed = new long[capacity];
            _freeSlots = new int[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _freeSlots[i] = capacity - 1 - i;
            }

            _freeCount = capacity;
            _revoked = new ulong[AdmissionLimits.MaxRevokedIds];
        }

        /// <summary>The fleet this table admits peers to.</summary>
        public ulong FleetId { get; }

        /// <summary>Most peers held at once.</summary>
        public int Capacity { get; }

        /// <summary>Peers admitted now.</summary>
        public int Count => _index.Count;

        /// <summary>Entries evicted to make room (their peers must present certificates again).</summary>
        public long Evictions { get; private set; }

        /// <summary>Certificates accepted.</summary>
        public long Admissions { get; private set; }

        /// <summary>Version of the revocation list in force; 0 when none was applied.</summary>
        public ulong RevocationListVersion { get; private set; }

        /// <summary>The revocation list in force, as received (empty when none), for passing it on.</summary>
        public ReadOnlySpan<byte> CurrentRevocationList => _revocationList;

        /// <summary>Number of ids on the revocation list in force.</summary>
        public int RevokedCount => _revokedCount;

        /// <summary>Certificates refused for <paramref name="reason"/>.</summary>
        public long CertificateRejections(AdmissionError reason)
        {
            return _certificateRejections[(int)reason];
        }

        /// <summary>Revocation lists refused for <paramref name="reason"/>.</summary>
        public long RevocationListRejections(AdmissionError reason)
        {
            return _revocationRejections[(int)reason];
        }

        /// <summary>Checks a certificate fully and admits its node (replacing an older entry for it). Never throws on bad input.</summary>
        public AdmissionError Admit(ReadOnlySpan<byte> certificate, long nowMs)
        {
            AdmissionError error = Check(certificate, nowMs, out NodeCertificate parsed);
            if (error == AdmissionError.None)
            {
                Insert(parsed, nowMs);
            }

            return error;
        }

        /// <summary>
        /// Checks a certificate without admitting it: layout, fleet, fleet signature, validity at
        /// <paramref name="nowMs"/>, node key and revocation. Refusals are counted by reason.
        /// </summary>
        public AdmissionError Check(ReadOnlySpan<byte> certificate, long nowMs, out NodeCertificate parsed)
        {
            AdmissionError error = NodeCertificate.TryParse(certificate, out parsed);
            if (error == AdmissionError.None)
            {
                error = CheckParsed(parsed, nowMs);
            }

            _certificateRejections[(int)error]++;
            return error;
        }

        /// <summary>
        /// Why a certificate <see cref="Check"/> refused was refused, for a log line: the cheap checks
        /// (layout, fleet, validity, revocation) are repeated without counting, and when they all
        /// pass the reason can only be the signature, which is not verified a second time (so
        /// explaining costs no signature check; <see cref="AdmissionError.None"/> is never returned).
        /// </summary>
        public AdmissionError Explain(ReadOnlySpan<byte> certificate, long nowMs, out ulong fleetId)
        {
            fleetId = 0;
            AdmissionError error = NodeCertificate.TryParse(certificate, out NodeCertificate parsed);
            if (error != AdmissionError.None)
            {
                return error;
            }

            fleetId = parsed.FleetId;
            if (parsed.FleetId != FleetId)
            {
                return AdmissionError.WrongFleet;
            }

            if (nowMs < parsed.NotBeforeMs)
            {
                return AdmissionError.NotYetValid;
            }

            if (nowMs >= parsed.NotAfterMs)
            {
                return AdmissionError.Expired;
            }

            if (parsed.NodeId.IsEmpty)
            {
                return AdmissionError.InvalidNodeKey;
            }

            return IsRevoked(parsed.NodeId) ? AdmissionError.Revoked : AdmissionError.BadSignature;
        }

        /// <summary>Status of <paramref name="id"/> at <paramref name="nowMs"/>; an expired entry is removed.</summary>
        public PeerStatus Lookup(NodeId id, long nowMs, out AdmittedPeer peer)
        {
            if (_index.TryGetValue(id.Value, out int slot))
            {
                if (nowMs < _notAfter[slot])
                {
                    _lastUsed[slot] = nowMs;
                    peer = new AdmittedPeer(id, _roles[slot], _notAfter[slot], slot);
                    return PeerStatus.Admitted;
                }

                RemoveSlot(id.Value, slot);
                peer = default;
                return PeerStatus.Expired;
            }

            peer = default;
            return IsRevoked(id) ? PeerStatus.Revoked : PeerStatus.Unknown;
        }

        /// <summary>Copies an admitted peer's public key; false when the peer is not in the table.</summary>
        public bool TryCopyPublicKey(NodeId id, Span<byte> destination)
        {
            if (destination.Length < KeyLength || !_index.TryGetValue(id.Value, out int slot))
            {
                return false;
            }

            PublicKeyAt(slot).CopyTo(destination);
            return true;
        }

        /// <summary>Removes a peer; false when it was not admitted.</summary>
        public bool Remove(NodeId id)
        {
            if (!_index.TryGetValue(id.Value, out int slot))
            {
                return false;
            }

            RemoveSlot(id.Value, slot);
            return true;
        }

        /// <summary>True when <paramref name="id"/> is on the revocation list in force.</summary>
        public bool IsRevoked(NodeId id)
        {
            return Array.BinarySearch(_revoked, 0, _revokedCount, id.Value) >= 0;
        }

        /// <summary>
        /// Verifies a revocation list (layout, fleet, fleet root signature) and puts it in force when
        /// its version is newer than the current one; older or equal versions are refused
        /// (<see cref="AdmissionError.StaleRevocationList"/>). Admitted peers it names are removed.
        /// </summary>
        public AdmissionError ApplyRevocationList(ReadOnlySpan<byte> document)
        {
            AdmissionError error = RevocationList.TryParse(document, out RevocationList list);
            if (error == AdmissionError.None)
            {
                if (list.FleetId != FleetId)
                {
                    error = AdmissionError.WrongFleet;
                }
                else if (!list.VerifySignature(_rootPublicKey))
                {
                    error = AdmissionError.BadSignature;
                }
                else if (list.Version <= RevocationListVersion)
                {
                    error = AdmissionError.StaleRevocationList;
                }
            }

            _revocationRejections[(int)error]++;
            if (error != AdmissionError.None)
            {
                return error;
            }

            _revokedCount = list.Count;
            for (int i = 0; i < _revokedCount; i++)
            {
                _revoked[i] = list[i].Value;
                if (_index.TryGetValue(_revoked[i], out int slot))
                {
                    RemoveSlot(_revoked[i], slot);
                }
            }

            RevocationListVersion = list.Version;
            _revocationList = document.ToArray();
            return AdmissionError.None;
        }

        /// <summary>The public key held in <paramref name="slot"/>.</summary>
        internal ReadOnlySpan<byte> PublicKeyAt(int slot)
        {
            return new ReadOnlySpan<byte>(_keys, slot * KeyLength, KeyLength);
        }

        /// <summary>The imported key of <paramref name="slot"/>, so that verifying a frame imports nothing.</summary>
        internal Ed25519PublicKey VerificationKeyAt(int slot)
        {
            return _verificationKeys[slot]!;
        }

        /// <summary>Checks a parsed certificate (everything but the layout). Not counted.</summary>
        internal AdmissionError CheckParsed(NodeCertificate certificate, long nowMs)
        {
            if (certificate.FleetId != FleetId)
            {
                return AdmissionError.WrongFleet;
            }

            if (!certificate.VerifySignature(_rootPublicKey))
            {
                return AdmissionError.BadSignature;
            }

            if (nowMs < certificate.NotBeforeMs)
            {
                return AdmissionError.NotYetValid;
            }

            if (nowMs >= certificate.NotAfterMs)
            {
                return AdmissionError.Expired;
            }

            NodeId id = certificate.NodeId;
            if (id.IsEmpty || !Ed25519PublicKey.TryImport(certificate.PublicKey, out _))
            {
                return AdmissionError.InvalidNodeKey;
            }

            return IsRevoked(id) ? AdmissionError.Revoked : AdmissionError.None;
        }

        /// <summary>Adds or replaces the entry of an already checked certificate.</summary>
        internal void Insert(NodeCertificate certificate, long nowMs)
        {
            if (!Ed25519PublicKey.TryImport(certificate.PublicKey, out Ed25519PublicKey? key))
            {
                return; // CheckParsed refuses such a key (InvalidNodeKey); nothing to admit
            }

            ulong id = certificate.NodeId.Value;
            if (!_index.TryGetValue(id, out int slot))
            {
                if (_freeCount == 0)
                {
                    EvictLeastRecentlyUsed();
                }

                slot = _freeSlots[--_freeCount];
                _index.Add(id, slot);
                _ids[slot] = id;
            }

            certificate.PublicKey.CopyTo(_keys.AsSpan(slot * KeyLength, KeyLength));
            _verificationKeys[slot] = key;
            _roles[slot] = certificate.Roles;
            _notAfter[slot] = certificate.NotAfterMs;
            _lastUsed[slot] = nowMs;
            Admissions++;
        }

        private void EvictLeastRecentlyUsed()
        {
            int oldest = -1;
            foreach (int slot in _index.Values)
            {
                if (oldest < 0 || _lastUsed[slot] < _lastUsed[oldest])
                {
                    oldest = slot;
                }
            }

            RemoveSlot(_ids[oldest], oldest);
            Evictions++;
        }

        private void RemoveSlot(ulong id, int slot)
        {
            _index.Remove(id);
            _keys.AsSpan(slot * KeyLength, KeyLength).Clear();
            _verificationKeys[slot] = null;
            _freeSlots[_freeCount++] = slot;
        }
    }
}

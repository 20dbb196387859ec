using System;
using System.Buffers.Binary;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Security.Frames
{
    /// <summary>
    /// Receive path of the security layer (docs/identity.md §5, §6). For each frame it decides a
    /// <see cref="FrameVerdict"/>: decode, profile's security mode, timestamp skew, admission of the
    /// sender (production) or segment MAC (lightweight), signature, then the injected per-sender
    /// <see cref="ISequenceWindow"/>. Verified messages are remembered in a bounded cache, so gossip
    /// duplicates cost a hash instead of a signature check. Admission frames carrying certificates or
    /// revocation lists are handled here too. Every outcome is counted; untrusted input never throws
    /// and nothing is allocated per frame. Sans-IO (time is passed in); not thread-safe: one instance
    /// per receive loop.
    /// </summary>
    public sealed class FrameVerifier : IDisposable
    {
        private const int FingerprintLength = 16;

        private readonly SecurityProfile _profile;
        private readonly SecurityMode _requiredMode;
        private readonly long _maxSkewMs;
        private readonly int _maxPayloadLength;
        private readonly PeerAdmission? _admission;
        private readonly FrameMac? _mac;
        private readonly ISequenceWindow? _window;
        private readonly VerifiedFrameCache _cache;
        private readonly Blake2bKeyedHash _fingerprints;
        private readonly long[] _counts = new long[VerdictCount];

        /// <summary>
        /// Creates the receive path. Production needs <paramref name="admission"/>, lightweight needs
        /// <paramref name="segmentMac"/>, development needs <see cref="FrameVerifierOptions.AllowDevelopment"/>.
        /// Without <paramref name="sequenceWindow"/> only the timestamp skew and the verified-message cache guard against replays.
        /// </summary>
        public FrameVerifier(FrameVerifierOptions options, PeerAdmission? admission, FrameMac? segmentMac = null, ISequenceWindow? sequenceWindow = null)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (!SecurityProfiles.TryValidate(options.Profile, options.AllowDevelopment, out string message))
            {
                throw new InvalidOperationException(message);
            }

            if (options.Profile == SecurityProfile.Production && admission == null)
            {
                throw new ArgumentNullException(nameof(admission), "production mode needs the admitted-peer table");
            }

            if (options.Profile == SecurityProfile.Lightweight && segmentMac == null)
            {
                throw new ArgumentNullException(nameof(segmentMac), "lightweight mode needs the segment key");
            }

            ArgumentOutOfRangeException.ThrowIfNegative(options.MaxClockSkewMs);
            ArgumentOutOfRangeException.ThrowIfNegative(options.MaxPayloadLength);
            _profile = options.Profile;
            _requiredMode = SecurityProfiles.WireMode(options.Profile);
            _maxSkewMs = options.MaxClockSkewMs;
            _maxPayloadLength = Math.Min(options.MaxPayloadLength, WireFormat.MaxPayloadLength);
            _admission = admission;
            _mac = segmentMac;
            _window = sequenceWindow;
            _cache = new VerifiedFrameCache(options.VerifiedCacheCapacity);
            // Keyed fingerprints: senders cannot aim for collisions (the key is random per verifier).
            Span<byte> fingerprintKey = stackalloc byte[32];
            SecureRandom.Fill(fingerprintKey);
            _fingerprints = new Blake2bKeyedHash(fingerprintKey, FingerprintLength);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(fingerprintKey);
        }

        /// <summary>Frees the fingerprint key.</summary>
        public void Dispose()
        {
            _fingerprints.Dispose();
        }

        /// <summary>Number of <see cref="FrameVerdict"/> values (length of counter arrays).</summary>
        public const int VerdictCount = 17;

        /// <summary>The profile this verifier enforces.</summary>
        public SecurityProfile Profile => _profile;

        /// <summary>Verified messages forgotten to make room in the cache.</summary>
        public long CacheEvictions => _cache.Evictions;

        /// <summary>Frames that ended with <paramref name="verdict"/>.</summary>
        public long Count(FrameVerdict verdict)
        {
            return _counts[(int)verdict];
        }

        /// <summary>
        /// Decides about the frame that fills exactly the range (split datagrams with
        /// <c>FrameCodec.Decode</c> first). The buffer's hop-count nibble is cleared and restored
        /// during the call. <paramref name="header"/> is valid unless the verdict is
        /// <see cref="FrameVerdict.Malformed"/> or <see cref="FrameVerdict.Truncated"/>.
        /// </summary>
        public FrameVerdict Verify(byte[] buffer, int offset, int count, long nowMs, out FrameHeader header)
        {
            FrameVerdict verdict = Decide(buffer, offset, count, nowMs, null, out header);
            _counts[(int)verdict]++;
            return verdict;
        }

        /// <summary>
        /// As <see cref="Verify"/>, for a frame that arrived inside a frame from
        /// <paramref name="carrier"/> which was itself verified: when the frame's sender is the
        /// carrier, the carrier's signature or MAC already covered these bytes, so the frame's own
        /// is not checked again (every other check, the replay window and the duplicate cache
        /// apply). Frames of any other sender are verified in full.
        /// </summary>
        public FrameVerdict VerifyCarried(byte[] buffer, int offset, int count, long nowMs, NodeId carrier, out FrameHeader header)
        {
            FrameVerdict verdict = Decide(buffer, offset, count, nowMs, carrier, out header);
            _counts[(int)verdict]++;
            return verdict;
        }

        private FrameVerdict Decide(byte[] buffer, int offset, int count, long nowMs, NodeId? carrier, out FrameHeader header)
        {
            FrameError error = FrameCodec.DecodeExact(buffer, offset, count, _maxPayloadLength, out header);
            if (error != FrameError.None)
            {
                return error == FrameError.Truncated ? FrameVerdict.Truncated : FrameVerdict.Malformed;
            }

            if (_profile == SecurityProfile.Development)
            {
                return FrameVerdict.Accepted;
            }

            if (header.Security != _requiredMode)
            {
                return FrameVerdict.SecurityModeNotAllowed;
            }

            long skew = (long)header.TimestampMs - nowMs;
            if (skew > _maxSkewMs || skew < -_maxSkewMs)
            {
                return FrameVerdict.TimestampOutOfWindow;
            }

            bool covered = carrier.HasValue && carrier.Value == header.Sender;
            if (_profile == SecurityProfile.Lightweight)
            {
                return CheckMac(buffer, offset, ref header, covered);
            }

            if (header.Kind == FrameKind.Admission)
            {
                return CheckAdmissionFrame(buffer, offset, ref header, nowMs);
            }

            FrameVerdict verdict = LookupSender(header.Sender, nowMs, out AdmittedPeer peer);
            return verdict != FrameVerdict.Accepted ? verdict : CheckSignature(buffer, offset, ref header, _admission!.VerificationKeyAt(peer.Slot), covered);
        }

        private FrameVerdict LookupSender(NodeId sender, long nowMs, out AdmittedPeer peer)
        {
            switch (_admission!.Lookup(sender, nowMs, out peer))
            {
                case PeerStatus.Admitted: return FrameVerdict.Accepted;
                case PeerStatus.Expired: return FrameVerdict.CertificateExpired;
                case PeerStatus.Revoked: return FrameVerdict.SenderRevoked;
                default: return FrameVerdict.UnknownSender;
            }
        }

        private FrameVerdict CheckMac(byte[] buffer, int offset, ref FrameHeader header, bool covered)
        {
            if (!covered && _mac!.VerifyDecoded(ref header, buffer, offset) != MacResult.Ok)
            {
                return FrameVerdict.BadMac;
            }

            // The verified MAC is itself a keyed fingerprint of the authenticated bytes.
            ReadOnlySpan<byte> trailer = buffer.AsSpan(FrameCodec.TrailerOffset(ref header, offset), FingerprintLength);
            return Remember(ref header, BinaryPrimitives.ReadUInt64LittleEndian(trailer), BinaryPrimitives.ReadUInt64LittleEndian(trailer.Slice(8)), duplicateCheck: true);
        }

        private FrameVerdict CheckSignature(byte[] buffer, int offset, ref FrameHeader header, Ed25519PublicKey publicKey, bool covered)
        {
            int signedLength = AuthenticatedBytes.SignedLength(ref header);
            Span<byte> frame = buffer.AsSpan(offset, signedLength + WireFormat.SignatureLength);
            Span<byte> fingerprint = stackalloc byte[FingerprintLength];
            byte hops = AuthenticatedBytes.Mask(frame);
            try
            {
                _fingerprints.Hash(frame, fingerprint);
                ulong low = BinaryPrimitives.ReadUInt64LittleEndian(fingerprint);
                ulong high = BinaryPrimitives.ReadUInt64LittleEndian(fingerprint.Slice(8));
                if (_cache.Contains(header.Sender.Value, header.Sequence, low, high))
                {
                    return FrameVerdict.Duplicate;
                }

                if (!covered && !publicKey.Verify(frame.Slice(0, signedLength), frame.Slice(signedLength)))
                {
                    return FrameVerdict.BadSignature;
                }

                return Remember(ref header, low, high, duplicateCheck: false);
            }
            finally
            {
                AuthenticatedBytes.Restore(frame, hops);
            }
        }

        /// <summary>Replay window, then the verified-message cache; the frame is authentic here.</summary>
        private FrameVerdict Remember(ref FrameHeader header, ulong low, ulong high, bool duplicateCheck)
        {
            if (duplicateCheck && _cache.Contains(header.Sender.Value, header.Sequence, low, high))
            {
                return FrameVerdict.Duplicate;
            }

            // Hook for the per-sender sequence window (EdgeMesh.Protocol.Dedup.SequenceWindow via ISequenceWindow).
            if (_window != null && !_window.TryAccept(header.Sender, header.Sequence))
            {
                return FrameVerdict.Replayed;
            }

            _cache.Add(header.Sender.Value, header.Sequence, low, high);
            return FrameVerdict.Accepted;
        }

        private FrameVerdict CheckAdmissionFrame(byte[] buffer, int offset, ref FrameHeader header, long nowMs)
        {
            ReadOnlySpan<byte> payload = buffer.AsSpan(FrameCodec.PayloadOffset(offset), header.PayloadLength);
            if (payload.StartsWith("EMRL"u8))
            {
                FrameVerdict verdict = LookupSender(header.Sender, nowMs, out AdmittedPeer relay);
                if (verdict == FrameVerdict.Accepted)
                {
                    verdict = CheckSignature(buffer, offset, ref header, _admission!.VerificationKeyAt(relay.Slot), covered: false);
                }

                if (verdict != FrameVerdict.Accepted)
                {
                    return verdict;
                }

                return _admission!.ApplyRevocationList(payload) == AdmissionError.None
                    ? FrameVerdict.RevocationApplied
                    : FrameVerdict.RevocationListRejected;
            }

            if (_admission!.Check(payload, nowMs, out NodeCertificate certificate) != AdmissionError.None)
            {
                return FrameVerdict.CertificateRejected;
            }

            if (certificate.NodeId != header.Sender)
            {
                return FrameVerdict.SenderMismatch;
            }

            if (!Ed25519PublicKey.TryImport(certificate.PublicKey, out Ed25519PublicKey? senderKey))
            {
                return FrameVerdict.CertificateRejected;
            }

            FrameVerdict signature = CheckSignature(buffer, offset, ref header, senderKey, covered: false);
            if (signature != FrameVerdict.Accepted)
            {
                return signature;
            }

            _admission.Insert(certificate, nowMs);
            return FrameVerdict.Admitted;
        }
    }
}

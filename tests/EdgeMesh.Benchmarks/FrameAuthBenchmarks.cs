using System;
using BenchmarkDotNet.Attributes;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Benchmarks
{
    /// <summary>
    /// Frame authentication through the security pipeline, side by side with raw libsodium calls on
    /// the same bytes (64-byte payload, 166-byte signed frame). Goal: pipeline ≥ 0.9 × raw rate;
    /// duplicates (verified-message cache hits) cost a keyed hash instead of a signature check.
    /// Also the lightweight-mode MAC: portable managed HMAC-SHA256 against the platform's.
    /// </summary>
    [MemoryDiagnoser]
    public class FrameAuthBenchmarks
    {
        private const int FrameCount = 1024;
        private const long Now = 1_763_700_000_000;
        private const int PayloadLength = 64;

        private readonly byte[] _segmentKey = new byte[32];
        private byte[][] _frames = Array.Empty<byte[]>();
        private byte[] _signBuffer = Array.Empty<byte>();
        private byte[] _macFrame = Array.Empty<byte>();
        private byte[] _signature = new byte[64];
        private NodeKeyPair _node = null!;
        private FleetAuthority _fleet = null!;
        private FrameSigner _signer = null!;
        private FrameVerifier _verifier = null!;
        private FrameVerifier _duplicateVerifier = null!;
        private FrameVerifier _macVerifier = null!;
        private FrameMac _frameMac = null!;
        private int _next;
        private Ed25519PublicKey _rawKey = null!;

        /// <summary>Creates a node, admits it, and signs <see cref="FrameCount"/> distinct frames.</summary>
        [GlobalSetup]
        public void Setup()
        {
            Sodium.EnsureInitialized();
            _node = NodeKeyPair.Generate();
            _fleet = FleetAuthority.Generate();
            var admission = new PeerAdmission(_fleet.PublicKey, 64);
            admission.Admit(_fleet.IssueCertificate(_node.PublicKey, FleetRoles.Robot, Now - 1000, Now + 86_400_000), Now);
            _signer = new FrameSigner(_node);
            Ed25519PublicKey.TryImport(_node.PublicKey, out Ed25519PublicKey? rawKey);
            _rawKey = rawKey!;

            // A small cache and many distinct frames: every pipeline verification is a cache miss.
            _verifier = new FrameVerifier(new FrameVerifierOptions { VerifiedCacheCapacity = 64 }, admission);
            _duplicateVerifier = new FrameVerifier(new FrameVerifierOptions(), admission);
            _frames = new byte[FrameCount][];
            for (int i = 0; i < FrameCount; i++)
            {
                _frames[i] = Encode(SecurityMode.Signature, (ulong)i, _node.Id);
                _signer.Sign(_frames[i], 0, _frames[i].Length);
            }

            _signBuffer = (byte[])_frames[0].Clone();
            Expect(_duplicateVerifier.Verify(_frames[0], 0, _frames[0].Length, Now, out _), FrameVerdict.Accepted);
            Expect(_duplicateVerifier.Verify(_frames[0], 0, _frames[0].Length, Now, out _), FrameVerdict.Duplicate);

            _segmentKey[0] = 1;
            _frameMac = new FrameMac(_segmentKey, 0, _segmentKey.Length);
            _macVerifier = new FrameVerifier(new FrameVerifierOptions { Profile = SecurityProfile.Lightweight }, null, _frameMac);
            _macFrame = Encode(SecurityMode.Mac, 1, new NodeId(7));
            _frameMac.Seal(_macFrame, 0, _macFrame.Length, out _);
            Expect(_macVerifier.Verify(_macFrame, 0, _macFrame.Length, Now, out _), FrameVerdict.Accepted);
        }

        /// <summary>Frees the keys.</summary>
        [GlobalCleanup]
        public void Cleanup()
        {
            _node.Dispose();
            _fleet.Dispose();
        }

        /// <summary>NSec's Ed25519 sign on header+payload, nothing else.</summary>
        [Benchmark(Baseline = true)]
        public int RawSign()
        {
            byte[] frame = _signBuffer;
            NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(_node.Keys.Key, frame.AsSpan(0, frame.Length - 64), _signature);
            return _signature[0];
        }

        /// <summary>FrameSigner.Sign: decode, checks, hop-count masking, signature into the trailer.</summary>
        [Benchmark]
        public FrameError PipelineSign()
        {
            return _signer.Sign(_signBuffer, 0, _signBuffer.Length);
        }

        /// <summary>NSec's Ed25519 verify (key imported once, as the admitted-peer table holds it) on a distinct frame each call.</summary>
        [Benchmark]
        public bool RawVerify()
        {
            byte[] frame = NextFrame();
            return NSec.Cryptography.SignatureAlgorithm.Ed25519.Verify(_rawKey.Key, frame.AsSpan(0, frame.Length - 64), frame.AsSpan(frame.Length - 64));
        }

        /// <summary>FrameVerifier.Verify on a distinct frame each call (cache miss): decode, admission, skew, fingerprint, signature, cache.</summary>
        [Benchmark]
        public FrameVerdict PipelineVerify()
        {
            byte[] frame = NextFrame();
            return _verifier.Verify(frame, 0, frame.Length, Now, out _);
        }

        /// <summary>FrameVerifier.Verify on a message it has verified before (a gossip duplicate).</summary>
        [Benchmark]
        public FrameVerdict PipelineVerifyDuplicate()
        {
            return _duplicateVerifier.Verify(_frames[0], 0, _frames[0].Length, Now, out _);
        }

        /// <summary>Lightweight mode: FrameMac.Verify (portable managed HMAC-SHA256, truncated to 16 bytes).</summary>
        [Benchmark]
        public MacResult PortableMacVerify()
        {
            return _frameMac.Verify(_macFrame, 0, _macFrame.Length, WireFormat.MaxPayloadLength, out _, out _);
        }

        /// <summary>The platform HMAC-SHA256 (OpenSSL) over the same bytes, for the host fast-path decision.</summary>
        [Benchmark]
        public int PlatformHmac()
        {
            Span<byte> mac = stackalloc byte[32];
            return System.Security.Cryptography.HMACSHA256.HashData(_segmentKey, _macFrame.AsSpan(0, _macFrame.Length - 16), mac);
        }

        /// <summary>Lightweight-mode pipeline: FrameVerifier with the segment MAC (MAC check, then a cache hit: no sequence window).</summary>
        [Benchmark]
        public FrameVerdict PipelineMacVerify()
        {
            return _macVerifier.Verify(_macFrame, 0, _macFrame.Length, Now, out _);
        }

        private static void Expect(FrameVerdict actual, FrameVerdict expected)
        {
            if (actual != expected)
            {
                throw new InvalidOperationException("benchmark setup: expected " + expected + ", got " + actual);
            }
        }

        private byte[] NextFrame()
        {
            byte[] frame = _frames[_next];
            _next = (_next + 1) & (FrameCount - 1);
            return frame;
        }

        private static byte[] Encode(SecurityMode security, ulong sequence, NodeId sender)
        {
            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Security = security,
                Priority = Priority.Telemetry,
                HopLimit = 6,
                Sender = sender,
                Sequence = sequence,
                TimestampMs = Now,
                Destination = TopicId.FromName("fleet/telemetry"),
                PayloadLength = PayloadLength,
            };
            byte[] payload = new byte[PayloadLength];
            byte[] frame = new byte[header.FrameLength];
            FrameCodec.Encode(ref header, payload, 0, PayloadLength, frame, 0, frame.Length, out _);
            return frame;
        }
    }
}

using System;
using System.IO;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Protocol.Pipeline;
using EdgeMesh.Protocol.Security;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Daemon.Runtime
{
    /// <summary>
    /// The node's credentials and frame authentication, loaded from the node directory: the identity
    /// key, and per profile the certificate and fleet root (production) or the segment key
    /// (lightweight). Seals this node's frames (fresh sequence, timestamp, signature or MAC) and
    /// verifies received ones with two verifiers sharing one admitted-peer table: one for frames
    /// from neighbours, one for originators' Publish frames handed over by the mesh protocol (the
    /// two have separate sequence spaces). Not thread-safe: the runtime serialises calls.
    /// </summary>
    internal sealed class NodeSecurity : IDisposable
    {
        private readonly NodeKeyPair _identity;
        private readonly FrameSigner? _signer;
        private readonly FrameMac? _mac;
        private readonly OutboundFramer _framer;
        private readonly OutboundFramer _publishFramer;

        private NodeSecurity(NodeKeyPair identity, SecurityProfile profile, byte[] certificate, PeerAdmission? admission, FrameMac? mac, NodeConfig config, long nowMs)
        {
            _identity = identity;
            Profile = profile;
            Certificate = certificate;
            Admission = admission;
            _mac = mac;
            _signer = profile == SecurityProfile.Production ? new FrameSigner(identity) : null;
            // A restarted node must not reuse sequences its peers' replay windows remember:
            // start from the clock (2^10 sequences per millisecond of uptime before catching up).
            _framer = new OutboundFramer(identity.Id, (ulong)Math.Max(1, nowMs) << 10);
            // Publish frames count apart: receivers check them in a replay window of their own
            // (OriginVerifier), which the many hop-by-hop frames in between would otherwise push a
            // late broadcast (one repaired by GRAFT) out of.
            _publishFramer = new OutboundFramer(identity.Id, (ulong)Math.Max(1, nowMs) << 10);
            HopVerifier = CreateVerifier(config);
            OriginVerifier = CreateVerifier(config);
        }

        internal NodeId Id => _identity.Id;

        /// <summary>The identity key (owned here: disposed with this object), for direct messages.</summary>
        internal NodeKeyPair Identity => _identity;

        internal SecurityProfile Profile { get; }

        internal SecurityMode WireMode => SecurityProfiles.WireMode(Profile);

        /// <summary>This node's certificate (production), presented in Admission frames; empty otherwise.</summary>
        internal byte[] Certificate { get; }

        internal PeerAdmission? Admission { get; }

        internal FrameVerifier HopVerifier { get; }

        internal FrameVerifier OriginVerifier { get; }

        /// <summary>Loads the node directory's credentials for the configured profile.</summary>
        internal static bool TryLoad(string directory, NodeConfig config, long nowMs, out NodeSecurity? security, out string error)
        {
            security = null;
            SecurityProfile profile = config.Profile;
            if (!SecurityProfiles.TryValidate(profile, config.AllowInsecureDevelopment, out error))
            {
                return false;
            }

            if (KeyFiles.TryLoadNode(Path.Combine(directory, KeyFiles.NodeSecretKeyFile), out NodeKeyPair? identity, out error) != FileError.None)
            {
                return false;
            }

            byte[] certificate = Array.Empty<byte>();
            PeerAdmission? admission = null;
            FrameMac? mac = null;
            bool ok = profile switch
            {
                SecurityProfile.Production => TryLoadFleet(directory, config, identity!, nowMs, out certificate, out admission, out error),
                SecurityProfile.Lightweight => TryLoadSegmentKey(directory, config, out mac, out error),
                _ => true,
            };
            if (!ok)
            {
                identity!.Dispose();
                return false;
            }

            security = new NodeSecurity(identity!, profile, certificate, admission, mac, config, nowMs);
            return true;
        }

        /// <summary>
        /// Seals a frame of this node whose payload already sits at <see cref="FrameCodec.PayloadOffset"/>
        /// of <paramref name="buffer"/>: sender, next sequence, time, security mode, then the trailer.
        /// </summary>
        internal FrameError Seal(ref FrameHeader header, byte[] buffer, long nowMs, out int length)
        {
            return Seal(_framer, ref header, buffer, nowMs, out length);
        }

        /// <summary>As <see cref="Seal(ref FrameHeader, byte[], long, out int)"/>, for this node's Publish frames (their own sequence space).</summary>
        internal FrameError SealPublish(ref FrameHeader header, byte[] buffer, long nowMs, out int length)
        {
            return Seal(_publishFramer, ref header, buffer, nowMs, out length);
        }

        private FrameError Seal(OutboundFramer framer, ref FrameHeader header, byte[] buffer, long nowMs, out int length)
        {
            header.Security = WireMode;
            FrameError error = framer.Seal(ref header, buffer, 0, buffer.Length, nowMs, out length);
            if (error != FrameError.None)
            {
                return error;
            }

            if (_signer != null)
            {
                error = _signer.Sign(buffer, 0, length);
            }
            else if (_mac != null && _mac.Seal(buffer, 0, length, out error) != MacResult.Ok && error == FrameError.None)
            {
                error = FrameError.InvalidArgument;
            }

            return error;
        }

        public void Dispose()
        {
            _mac?.Clear();
            _identity.Dispose();
        }

        private FrameVerifier CreateVerifier(NodeConfig config)
        {
            var options = new FrameVerifierOptions
            {
                Profile = Profile,
                AllowDevelopment = config.AllowInsecureDevelopment,
                MaxClockSkewMs = config.Security.MaxClockSkewMs,
                VerifiedCacheCapacity = config.Security.VerifiedCache,
                MaxPayloadLength = WireFormat.MaxPayloadLength,
            };
            var window = new SequenceReplayWindow(config.Security.ReplaySenders, config.Security.ReplayWindowWords);
            return new FrameVerifier(options, Admission, _mac, window);
        }

        private static bool TryLoadFleet(string directory, NodeConfig config, NodeKeyPair identity, long nowMs, out byte[] certificate, out PeerAdmission? admission, out string error)
        {
            admission = null;
            Span<byte> root = stackalloc byte[Ed25519KeyPair.PublicKeyLength];
            string fleetPath = Path.Combine(directory, KeyFiles.FleetPublicKeyFile);
            if (KeyFiles.TryLoadPublicKey(fleetPath, KeyPurpose.FleetRoot, root, out error) != FileError.None)
            {
                certificate = Array.Empty<byte>();
                error += " (production mode needs the fleet's public key: copy fleet.pub into the node directory, or use `edgemesh init --fleet`)";
                return false;
            }

            string certPath = Path.Combine(directory, KeyFiles.NodeCertificateFile);
            if (KeyFiles.TryReadDocument(certPath, NodeCertificate.Length, out certificate, out error) != FileError.None)
            {
                error += " (production mode needs a certificate: `edgemesh fleet enroll --fleet FLEETDIR --node " + directory + " --role robot`)";
                return false;
            }

            admission = new PeerAdmission(root, config.Security.AdmittedPeers);
            AdmissionError check = admission.Check(certificate, nowMs, out NodeCertificate parsed);
            if (check != AdmissionError.None)
            {
                error = certPath + ": this node's certificate is not valid for the fleet in fleet.pub (" + check + ")";
                return false;
            }

            if (parsed.NodeId != identity.Id)
            {
                error = certPath + ": the certificate belongs to node " + NodeIds.FormatShort(parsed.NodeId) + ", not to this node's key";
                return false;
            }

            string revocations = Path.Combine(directory, KeyFiles.RevocationListFile);
            if (File.Exists(revocations)
                && KeyFiles.TryReadDocument(revocations, RevocationList.EncodedLength(AdmissionLimits.MaxRevokedIds), out byte[] list, out _) == FileError.None)
            {
                admission.ApplyRevocationList(list);
            }

            error = string.Empty;
            return true;
        }

        private static bool TryLoadSegmentKey(string directory, NodeConfig config, out FrameMac? mac, out string error)
        {
            mac = null;
            string path = NodeConfig.ResolvePath(directory, config.Security.SegmentKeyFile);
            if (KeyFiles.TryReadDocument(path, 64, out byte[] key, out error) != FileError.None)
            {
                error += " (lightweight mode needs the segment key file)";
                return false;
            }

            if (key.Length < FrameMac.MinKeyLength)
            {
                error = path + ": a segment key is 16 to 64 bytes";
                return false;
            }

            mac = new FrameMac(key, 0, key.Length);
            Array.Clear(key);
            return true;
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>
    /// Revocation at run time (docs/deploy.md). A newer list signed by the fleet root arrives from the
    /// local API or from a neighbour (an Admission frame); it is put in force at once — the revoked
    /// nodes leave the peer table, frames held for or from them are dropped, their frames are refused
    /// from then on (the admission table no longer knows them) — and written to the node directory,
    /// so a restart keeps it. Nodes holding a list offer its version to every neighbour when it
    /// changes, when a neighbour is first heard and every <see cref="RevocationOfferIntervalMs"/>;
    /// a neighbour that is behind asks for the list, one that is ahead is sent ours. A node without a
    /// list sends nothing, so fleets that never revoke pay nothing.
    /// </content>
    public sealed partial class MeshNode
    {
        /// <summary>How often a node holding a list offers its version to every neighbour.</summary>
        internal const long RevocationOfferIntervalMs = 2_000;

        /// <summary>Least time between two requests for a newer list, and between two lists sent to one peer.</summary>
        internal const long RevocationResendMs = 250;

        private readonly long[] _revocationCounters = new long[(int)RevocationCounter.Count];
        private readonly Dictionary<ulong, long> _revocationSentMs = new();
        private string _directory = string.Empty;
        private long _nextRevocationOfferMs;
        private long _lastRevocationRequestMs = long.MinValue / 2; // far past, without overflowing now - last

        private enum RevocationCounter
        {
            OffersSent,
            RequestsSent,
            ListsSent,
            Applied,
            PeersDropped,
            RevokedFramesDropped,
            HeldDropped,
            SaveFailures,
            BadMessages,
            Count,
        }

        /// <summary>Version of the revocation list in force (0: none, or not production mode).</summary>
        public ulong RevocationListVersion
        {
            get
            {
                lock (_gate)
                {
                    return _security.Admission?.RevocationListVersion ?? 0;
                }
            }
        }

        /// <summary>
        /// Puts a revocation list (the file <c>edgemesh fleet revoke</c> writes) in force when the fleet
        /// root signed it and its version is newer; otherwise refuses it with the reason, counted under
        /// <c>counters.rejected</c> as <c>revocation.REASON</c>. Production mode only (the caller checks
        /// <see cref="Profile"/>).
        /// </summary>
        public RevocationResult ApplyRevocationList(ReadOnlySpan<byte> document)
        {
            lock (_gate)
            {
                PeerAdmission admission = _security.Admission ?? throw new InvalidOperationException("revocation lists apply in production mode only");
                AdmissionError error = admission.ApplyRevocationList(document);
                if (error != AdmissionError.None)
                {
                    Log.RevocationRefused(_log, error.ToString(), "the local API");
                    return new RevocationResult(error, admission.RevocationListVersion, admission.RevokedCount, 0, true);
                }

                long now = NowMs;
                RevocationResult result = OnRevocationApplied("the local API", now);
                Pump(now);
                return result;
            }
        }

        /// <summary>The list in force was just replaced (API or neighbour): drop, save, tell the neighbours.</summary>
        private RevocationResult OnRevocationApplied(string source, long now)
        {
            PeerAdmission admission = _security.Admission!;
            _revocationCounters[(int)RevocationCounter.Applied]++;
            int dropped = DropRevokedPeers(admission);
            bool saved = SaveRevocationList(admission);
            Log.RevocationApplied(_log, admission.RevocationListVersion, admission.RevokedCount, source, dropped);
            _revocationSentMs.Clear(); // every neighbour may be behind the new version
            OfferRevocations(now);
            return new RevocationResult(AdmissionError.None, admission.RevocationListVersion, admission.RevokedCount, dropped, saved);
        }

        private int DropRevokedPeers(PeerAdmission admission)
        {
            var revoked = new List<NodeId>();
            foreach (PeerEntry peer in _peers.All)
            {
                if (admission.IsRevoked(peer.Id))
                {
                    revoked.Add(peer.Id);
                }
            }

            foreach (NodeId id in revoked)
            {
                _peers.Remove(id);
                _revocationSentMs.Remove(id.Value);
            }

            // Frames queued before the list arrived, for or from a revoked node, go too.
            int held = _heldFrames.RemoveAll(item => admission.IsRevoked(item.Id)) + _heldOrigins.RemoveAll(item => admission.IsRevoked(item.Id));
            _revocationCounters[(int)RevocationCounter.HeldDropped] += held;
            _revocationCounters[(int)RevocationCounter.PeersDropped] += revoked.Count;
            return revoked.Count;
        }

        private bool SaveRevocationList(PeerAdmission admission)
        {
            if (_directory.Length == 0)
            {
                return false;
            }

            if (KeyFiles.WriteDocument(Path.Combine(_directory, KeyFiles.RevocationListFile), admission.CurrentRevocationList, out string problem) == FileError.None)
            {
                return true;
            }

            _revocationCounters[(int)RevocationCounter.SaveFailures]++;
            Log.RevocationNotSaved(_log, admission.RevocationListVersion, problem);
            return false;
        }

        /// <summary>True (and counted) when a mesh frame is addressed to a revoked node: it is dropped, not looked up.</summary>
        private bool DropIfRevoked(NodeId to)
        {
            if (_security.Admission == null || !_security.Admission.IsRevoked(to))
            {
                return false;
            }

            _revocationCounters[(int)RevocationCounter.RevokedFramesDropped]++;
            return true;
        }

        /// <summary>Timer: offers the version in force to every neighbour every <see cref="RevocationOfferIntervalMs"/>.</summary>
        private void TickRevocations(long now)
        {
            if (now >= _nextRevocationOfferMs)
            {
                OfferRevocations(now);
            }
        }

        private void OfferRevocations(long now)
        {
            _nextRevocationOfferMs = now + RevocationOfferIntervalMs;
            ulong version = _security.Admission?.RevocationListVersion ?? 0;
            if (version == 0)
            {
                return;
            }

            foreach (PeerEntry peer in _peers.All)
            {
                if (peer.Route != null)
                {
                    SendRevocationMessage(peer, RevocationMessage.Offer, version, now);
                }
            }
        }

        /// <summary>A newly heard neighbour learns the version at once (a late joiner gets the list from its first neighbour).</summary>
        private void OfferRevocationsTo(PeerEntry peer, long now)
        {
            ulong version = _security.Admission?.RevocationListVersion ?? 0;
            if (version > 0 && peer.Route != null)
            {
                SendRevocationMessage(peer, RevocationMessage.Offer, version, now);
            }
        }

        private void SendRevocationMessage(PeerEntry peer, byte kind, ulong version, long now)
        {
            int length = RevocationMessage.Encode(kind, version, _scratch.AsSpan(FrameCodec.PayloadOffset(0)));
            SendOwn(peer.Route!, FrameKind.Membership, length, now, peer.Id, PayloadType.RevocationOffer);
            _revocationCounters[(int)(kind == RevocationMessage.Offer ? RevocationCounter.OffersSent : RevocationCounter.RequestsSent)]++;
        }

        /// <summary>A neighbour's offer or request: ask for a newer list, or send ours to one that is behind.</summary>
        private void OnRevocationMessage(PeerEntry from, ReadOnlySpan<byte> payload, long now)
        {
            PeerAdmission? admission = _security.Admission;
            if (admission == null || from.Route == null)
            {
                return;
            }

            if (!RevocationMessage.TryDecode(payload, out byte kind, out ulong theirs))
            {
                _revocationCounters[(int)RevocationCounter.BadMessages]++;
                return;
            }

            ulong mine = admission.RevocationListVersion;
            if (theirs > mine && kind == RevocationMessage.Offer)
            {
                if (now - _lastRevocationRequestMs >= RevocationResendMs)
                {
                    _lastRevocationRequestMs = now;
                    SendRevocationMessage(from, RevocationMessage.Request, mine, now);
                }
            }
            else if (theirs < mine)
            {
                SendRevocationList(from, admission, now);
            }
        }

        private void SendRevocationList(PeerEntry peer, PeerAdmission admission, long now)
        {
            if (_revocationSentMs.TryGetValue(peer.Id.Value, out long last) && now - last < RevocationResendMs)
            {
                return;
            }

            if (_revocationSentMs.Count >= _config.Security.AdmittedPeers)
            {
                _revocationSentMs.Clear(); // bound: forgetting only allows an early resend
            }

            _revocationSentMs[peer.Id.Value] = now;
            ReadOnlySpan<byte> list = admission.CurrentRevocationList;
            list.CopyTo(_scratch.AsSpan(FrameCodec.PayloadOffset(0)));
            SendOwn(peer.Route!, FrameKind.Admission, list.Length, now);
            _revocationCounters[(int)RevocationCounter.ListsSent]++;
        }

        private void FillRevocationCounters(StatusCounters counters)
        {
            for (int i = 0; i < (int)RevocationCounter.Count; i++)
            {
                string name = ((RevocationCounter)i).ToString();
                AddIfSet(counters.Transport, "revocation." + char.ToLowerInvariant(name[0]) + name.Substring(1), _revocationCounters[i]);
            }

            PeerAdmission? admission = _security.Admission;
            if (admission == null)
            {
                return;
            }

            counters.Transport["revocation.version"] = (long)admission.RevocationListVersion;
            for (int i = 1; i < AdmissionLimits.AdmissionErrorCount; i++)
            {
                AddIfSet(counters.Rejected, "revocation." + (AdmissionError)i, admission.RevocationListRejections((AdmissionError)i));
            }
        }
    }
}

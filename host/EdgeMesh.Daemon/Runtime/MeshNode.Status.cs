using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>Snapshots for the API, the CLI and metrics.</content>
    public sealed partial class MeshNode
    {
        /// <summary>A consistent snapshot of identity, peers and counters.</summary>
        public NodeStatus GetStatus()
        {
            lock (_gate)
            {
                long now = NowMs;
                var status = new NodeStatus
                {
                    NodeId = Id.ToString(),
                    Mode = _config.Mode.ToLowerInvariant(),
                    UptimeSeconds = Math.Round((now - _startedMs) / 1000.0, 3),
                    Udp = _udp.LocalEndPoint.ToString(),
                    Tcp = _tcp.LocalEndPoint?.ToString(),
                    MeshProtocol = _mesh != null,
                    Peers = PeersLocked(now),
                    RevocationListVersion = _security.Admission?.RevocationListVersion ?? 0,
                };
                FillCounters(status.Counters);
                return status;
            }
        }

        /// <summary>Authenticated peers, most recently heard first.</summary>
        public List<PeerInfo> GetPeers()
        {
            lock (_gate)
            {
                return PeersLocked(NowMs);
            }
        }

        private List<PeerInfo> PeersLocked(long now)
        {
            var peers = new List<PeerInfo>(_peers.Count);
            long staleAfter = 3L * Math.Max(_config.Discovery.IntervalMs, (int)BootstrapRetryMs);
            foreach (PeerEntry peer in _peers.All)
            {
                MeshPeerState state = _mesh?.StateOf(peer.Id) ?? MeshPeerState.Known;
                long ago = now - peer.LastHeardMs;
                peers.Add(new PeerInfo
                {
                    Id = peer.Id.ToString(),
                    Address = peer.Route?.ToString() ?? string.Empty,
                    State = state == MeshPeerState.Known && ago > staleAfter ? "stale" : state.ToString().ToLowerInvariant(),
                    LastHeardMsAgo = ago,
                });
            }

            peers.Sort((a, b) => a.LastHeardMsAgo.CompareTo(b.LastHeardMsAgo));
            return peers;
        }

        /// <summary>
        /// Counts a local-API response: codes 400–599 are refusals (bad input, missing token, too large,
        /// outbox full), reported under <c>counters.rejected</c> as <c>api_CODE</c>. Thread-safe.
        /// </summary>
        public void CountApiResponse(int statusCode)
        {
            int slot = statusCode - 400;
            if ((uint)slot < (uint)_apiRefusals.Length)
            {
                Interlocked.Increment(ref _apiRefusals[slot]);
            }
        }

        private void FillCounters(StatusCounters counters)
        {
            for (int i = 0; i < _apiRefusals.Length; i++)
            {
                AddIfSet(counters.Rejected, "api_" + (400 + i).ToString(CultureInfo.InvariantCulture), Interlocked.Read(ref _apiRefusals[i]));
            }

            counters.FramesIn = _counters[(int)RuntimeCounter.FramesIn];
            counters.FramesOut = _counters[(int)RuntimeCounter.FramesOut];
            counters.Delivered = _counters[(int)RuntimeCounter.Delivered];
            for (int i = 1; i < _decodeErrors.Length; i++)
            {
                AddIfSet(counters.Rejected, ((FrameError)i).ToString(), _decodeErrors[i]);
            }

            FillVerdicts(counters, _security.HopVerifier, string.Empty);
            FillVerdicts(counters, _security.OriginVerifier, "origin.");
            foreach (RuntimeCounter c in new[] { RuntimeCounter.OwnFrames, RuntimeCounter.UnsupportedKind, RuntimeCounter.NoRoute, RuntimeCounter.SubscriberDrops, RuntimeCounter.SealFailures, RuntimeCounter.OriginRejected })
            {
                AddIfSet(counters.Dropped, c.ToString(), _counters[(int)c]);
            }

            AddIfSet(counters.Rejected, nameof(RuntimeCounter.BadBeacon), _counters[(int)RuntimeCounter.BadBeacon]);
            AddIfSet(counters.Dropped, nameof(RuntimeCounter.PeerEvictions), _peers.Evictions);
            counters.Transport["credentialsSent"] = _counters[(int)RuntimeCounter.CredentialsSent];
            FillTransport(counters.Transport, "udp.", _udp.Counters);
            if (_discovery != null)
            {
                FillTransport(counters.Transport, "discovery.", _discovery.Counters);
            }

            FillTransport(counters.Transport, "tcp.", _tcp.Counters);
            if (_serial.Links.Count > 0)
            {
                FillTransport(counters.Transport, "serial.", _serial.Counters);
            }
            FillDirectoryCounters(counters);
            FillRevocationCounters(counters);
            FillDirectCounters(counters.Direct);
            if (_mesh != null)
            {
                var mesh = new List<KeyValuePair<string, long>>();
                _mesh.CopyCounters(mesh);
                foreach (KeyValuePair<string, long> pair in mesh)
                {
                    counters.Mesh[pair.Key] = pair.Value;
                }
            }
        }

        private static void FillVerdicts(StatusCounters counters, FrameVerifier verifier, string prefix)
        {
            for (int i = 0; i < FrameVerifier.VerdictCount; i++)
            {
                var verdict = (FrameVerdict)i;
                long value = verifier.Count(verdict);
                switch (verdict)
                {
                    case FrameVerdict.Accepted:
                    case FrameVerdict.Admitted:
                    case FrameVerdict.RevocationApplied:
                        break;
                    case FrameVerdict.Duplicate:
                    case FrameVerdict.Replayed:
                        AddIfSet(counters.Dropped, prefix + verdict, value);
                        break;
                    default:
                        AddIfSet(counters.Rejected, prefix + verdict, value);
                        break;
                }
            }
        }

        private static void FillTransport(Dictionary<string, long> into, string prefix, TransportCounters counters)
        {
            for (int i = 0; i < TransportCounters.Count; i++)
            {
                AddIfSet(into, prefix + ((TransportCounter)i).ToString(), counters[(TransportCounter)i]);
            }
        }

        private static void AddIfSet(Dictionary<string, long> into, string key, long value)
        {
            if (value != 0)
            {
                into[key] = value;
            }
        }
    }
}

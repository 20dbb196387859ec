using System;
using System.Collections.Generic;
using System.Net;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Gossip;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Frames;
using EdgeMesh.Transport;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>
    /// Addresses and certificates for ids the gossip layer names without them (bootstrap-only
    /// fleets: shuffles and forward-joins carry node ids, and a relayed broadcast's originator may
    /// never have presented itself here). A frame for an id without a route, or a delivery from an
    /// origin whose certificate is unknown, is held (bounded) while the node asks its most recently
    /// heard neighbours; an answer's certificate is checked against the fleet root before the
    /// address is used, then the held frames go out and the held deliveries are verified again.
    /// </content>
    public sealed partial class MeshNode
    {
        /// <summary>Frames and deliveries held while their peer is looked up (each kind).</summary>
        internal const int DirectoryHoldCapacity = 64;

        /// <summary>How long a held frame or delivery waits for an answer.</summary>
        internal const long DirectoryHoldMs = 3_000;

        /// <summary>Least time between two lookups of the same id.</summary>
        internal const long DirectoryRetryMs = 500;

        /// <summary>Neighbours asked per lookup (most recently heard first).</summary>
        private const int DirectoryFanOut = 3;

        /// <summary>Ids whose last lookup time is remembered (oldest forgotten first).</summary>
        private const int DirectoryLookupCapacity = 256;

        private readonly Dictionary<ulong, long> _lookups = new();
        private readonly List<HeldItem> _heldFrames = new();
        private readonly List<HeldItem> _heldOrigins = new();
        private readonly long[] _directoryCounters = new long[(int)DirectoryCounter.Count];

        private enum DirectoryCounter
        {
            LookupsSent,
            RequestsAnswered,
            AnswersApplied,
            AnswersRejected,
            HeldFrames,
            HeldOrigins,
            HeldExpired,
            HeldOverflow,
            Count,
        }

        /// <summary>Keeps a copy of a mesh frame for an id without a route and looks it up; false when the id cannot be looked up.</summary>
        private bool HoldForLookup(OutboundFrame frame, long now)
        {
            if (!Hold(_heldFrames, frame.To, frame.Buffer.AsSpan(0, frame.Length), 0, now))
            {
                return false;
            }

            _directoryCounters[(int)DirectoryCounter.HeldFrames]++;
            return true;
        }

        /// <summary>Keeps a copy of a delivery whose originator is not admitted here and looks the originator up.</summary>
        private void HoldOrigin(MeshDelivery delivery, NodeId origin, long now)
        {
            if (Hold(_heldOrigins, origin, delivery.Frame.AsSpan(0, delivery.FrameLength), delivery.Topic, now))
            {
                _directoryCounters[(int)DirectoryCounter.HeldOrigins]++;
            }
            else
            {
                Count(RuntimeCounter.OriginRejected);
            }
        }

        private bool Hold(List<HeldItem> held, NodeId id, ReadOnlySpan<byte> frame, ulong topic, long now)
        {
            Expire(held, now);
            if (held.Count >= DirectoryHoldCapacity)
            {
                _directoryCounters[(int)DirectoryCounter.HeldOverflow]++;
                return false;
            }

            if (!Lookup(id, now) && !_lookups.ContainsKey(id.Value))
            {
                return false; // nobody to ask
            }

            held.Add(new HeldItem(id, frame.ToArray(), topic, now + DirectoryHoldMs));
            return true;
        }

        private void Expire(List<HeldItem> held, long now)
        {
            int removed = held.RemoveAll(item => item.DeadlineMs <= now);
            _directoryCounters[(int)DirectoryCounter.HeldExpired] += removed;
        }

        /// <summary>Asks up to <see cref="DirectoryFanOut"/> neighbours for <paramref name="id"/>, at most every <see cref="DirectoryRetryMs"/>; false if nobody was asked.</summary>
        private bool Lookup(NodeId id, long now)
        {
            if (_lookups.TryGetValue(id.Value, out long last) && now - last < DirectoryRetryMs)
            {
                return false;
            }

            var asked = new List<PeerEntry>(DirectoryFanOut);
            foreach (PeerEntry peer in _peers.All)
            {
                if (peer.Route != null && peer.Id != id)
                {
                    asked.Add(peer);
                }
            }

            if (asked.Count == 0)
            {
                return false;
            }

            asked.Sort((a, b) => b.LastHeardMs.CompareTo(a.LastHeardMs));
            if (_lookups.Count >= DirectoryLookupCapacity && !_lookups.ContainsKey(id.Value))
            {
                _lookups.Clear(); // cheap bound: forgetting when ids were asked only allows an early retry
            }

            _lookups[id.Value] = now;
            Span<NodeId> ids = stackalloc NodeId[1] { id };
            for (int i = 0; i < asked.Count && i < DirectoryFanOut; i++)
            {
                int length = PeerDirectoryMessage.EncodeRequest(ids, _scratch.AsSpan(FrameCodec.PayloadOffset(0)));
                SendOwn(asked[i].Route!, FrameKind.Membership, length, now, asked[i].Id, PayloadType.PeerDirectory);
                _directoryCounters[(int)DirectoryCounter.LookupsSent]++;
            }

            return true;
        }

        /// <summary>A neighbour's PeerDirectory message: answer its request, or apply its answer.</summary>
        private void OnDirectory(PeerEntry from, byte[] buffer, int payloadOffset, int payloadLength, long now)
        {
            ReadOnlySpan<byte> payload = buffer.AsSpan(payloadOffset, payloadLength);
            Span<NodeId> ids = stackalloc NodeId[PeerDirectoryMessage.MaxRequestIds];
            if (PeerDirectoryMessage.TryDecodeRequest(payload, ids, out int count))
            {
                for (int i = 0; i < count; i++)
                {
                    Answer(from, ids[i], now);
                }

                return;
            }

            if (!PeerDirectoryMessage.TryDecodeAnswer(payload, out NodeId id, out IPEndPoint? address, out ReadOnlySpan<byte> certificate)
                || id == Id
                || !TryAdmitAnswer(id, certificate, now))
            {
                _directoryCounters[(int)DirectoryCounter.AnswersRejected]++;
                return;
            }

            PeerEntry peer = _peers.GetOrAdd(id, now, out bool created);
            if (created || peer.Address == null)
            {
                peer.Address = new UdpAddress(address!);
            }

            if (certificate.Length > 0)
            {
                peer.Certificate = certificate.ToArray();
            }

            _directoryCounters[(int)DirectoryCounter.AnswersApplied]++;
            Release(id, now);
        }

        /// <summary>Production: the certificate must be valid for this fleet and belong to <paramref name="id"/>; it admits the node.</summary>
        private bool TryAdmitAnswer(NodeId id, ReadOnlySpan<byte> certificate, long now)
        {
            PeerAdmission? admission = _security.Admission;
            if (admission == null)
            {
                return true; // lightweight and development modes: the neighbour's MAC or nothing vouches for the address
            }

            return NodeCertificate.TryParse(certificate, out NodeCertificate parsed) == AdmissionError.None
                && parsed.NodeId == id
                && admission.Admit(certificate, now) == AdmissionError.None;
        }

        private void Answer(PeerEntry asker, NodeId id, long now)
        {
            if (!_peers.TryGet(id, out PeerEntry? known) || known!.Route is not UdpAddress udp || asker.Route == null)
            {
                return; // unknown here, or reachable only over a TCP link of ours
            }

            byte[] certificate = known.Certificate ?? Array.Empty<byte>();
            if (_security.Admission != null && certificate.Length == 0)
            {
                return; // without its certificate the asker could not admit it
            }

            int length = PeerDirectoryMessage.EncodeAnswer(id, udp.EndPoint, certificate, _scratch.AsSpan(FrameCodec.PayloadOffset(0), WireFormat.MaxPayloadLength));
            if (length > 0)
            {
                SendOwn(asker.Route, FrameKind.Membership, length, now, asker.Id, PayloadType.PeerDirectory);
                _directoryCounters[(int)DirectoryCounter.RequestsAnswered]++;
            }
        }

        /// <summary>Sends the frames held for <paramref name="id"/> and verifies its held deliveries again.</summary>
        private void Release(NodeId id, long now)
        {
            foreach (HeldItem item in Take(_heldFrames, id, now))
            {
                SendMeshFrame(new OutboundFrame(id, Priority.Control, item.Frame, item.Frame.Length), now);
            }

            foreach (HeldItem item in Take(_heldOrigins, id, now))
            {
                Deliver(new MeshDelivery(item.Topic, item.Frame, item.Frame.Length), null, now);
            }
        }

        private List<HeldItem> Take(List<HeldItem> held, NodeId id, long now)
        {
            Expire(held, now);
            List<HeldItem> taken = held.FindAll(item => item.Id == id);
            held.RemoveAll(item => item.Id == id);
            return taken;
        }

        /// <summary>Remembers the certificate a peer presented, so this node can vouch for it to others.</summary>
        private static void RememberCertificate(PeerEntry peer, byte[] buffer, int offset, ref FrameHeader header)
        {
            if (header.Kind == FrameKind.Admission && header.PayloadLength == NodeCertificate.Length)
            {
                peer.Certificate = buffer.AsSpan(FrameCodec.PayloadOffset(offset), header.PayloadLength).ToArray();
            }
        }

        private void FillDirectoryCounters(StatusCounters counters)
        {
            for (int i = 0; i < (int)DirectoryCounter.Count; i++)
            {
                AddIfSet(counters.Transport, "directory." + char.ToLowerInvariant(((DirectoryCounter)i).ToString()[0]) + ((DirectoryCounter)i).ToString().Substring(1), _directoryCounters[i]);
            }
        }

        /// <summary>A copy of a frame or delivery waiting for <see cref="Id"/>'s address or certificate until <see cref="DeadlineMs"/>.</summary>
        private readonly record struct HeldItem(NodeId Id, byte[] Frame, ulong Topic, long DeadlineMs);
    }
}

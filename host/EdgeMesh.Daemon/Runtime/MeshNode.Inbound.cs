using System;
using System.Net;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;
using EdgeMesh.Transport;
using EdgeMesh.Transport.Discovery;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>The receive path: split, authenticate, learn peers, hand membership frames to the mesh protocol.</content>
    public sealed partial class MeshNode
    {
        /// <inheritdoc />
        void ILinkReceiver.OnReceive(LinkChannel channel, LinkAddress from, byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                long now = NowMs;
                Receive(from, buffer, offset, count, now);
                Pump(now);
            }
        }

        /// <inheritdoc />
        void ILinkReceiver.OnLinkUp(LinkAddress link)
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    long now = NowMs;
                    Log.LinkState(_log, link, "up");
                    SendCredentials(link, replyRequested: true, now);
                    Pump(now);
                }
            }
        }

        /// <inheritdoc />
        void ILinkReceiver.OnLinkDown(LinkAddress link)
        {
            Log.LinkState(_log, link, "down");
        }

        /// <summary>Every frame of a datagram or TCP message; stops at the first undecodable one (its length cannot be trusted).</summary>
        private void Receive(LinkAddress from, byte[] buffer, int offset, int count, long now)
        {
            int end = offset + count;
            while (offset < end)
            {
                FrameError error = FrameCodec.Decode(buffer, offset, end - offset, WireFormat.MaxPayloadLength, out FrameHeader header);
                if (error != FrameError.None)
                {
                    _decodeErrors[(int)error]++;
                    return;
                }

                int length = header.FrameLength;
                Count(RuntimeCounter.FramesIn);
                if (header.Sender == Id)
                {
                    Count(RuntimeCounter.OwnFrames); // our multicast beacon looped back: skip the signature check
                }
                else
                {
                    FrameVerdict verdict = _security.HopVerifier.Verify(buffer, offset, length, now, out header);
                    OnVerdict(verdict, ref header, from, buffer, offset, length, now);
                }

                offset += length;
            }
        }

        private void OnVerdict(FrameVerdict verdict, ref FrameHeader header, LinkAddress from, byte[] buffer, int offset, int length, long now)
        {
            switch (verdict)
            {
                case FrameVerdict.Accepted when header.HopCount > 0:
                    OnRelayedFrame(ref header, from, buffer, offset, length, now); // a relay spoke, not the originator
                    break;
                case FrameVerdict.Accepted:
                    PeerEntry peer = Heard(header.Sender, from, now);
                    OnAuthentic(peer, ref header, from, buffer, offset, length, now);
                    break;
                case FrameVerdict.Admitted:
                    // A signed certificate from the sender itself opens a direct route as any authentic
                    // frame does: a direct message sent the moment a peer appears must not go the
                    // slow way round because its next frame (the beacon) has not been read yet.
                    PeerEntry admitted = Heard(header.Sender, from, now);
                    RememberCertificate(admitted, buffer, offset, ref header);
                    if (header.HopCount == 0)
                    {
                        ObserveDirect(ref header, admitted.Id, now);
                    }

                    break;
                case FrameVerdict.RevocationApplied:
                    Heard(header.Sender, from, now);
                    OnRevocationApplied("neighbour " + header.Sender, now); // after Heard: the list may revoke its own carrier
                    break;
                case FrameVerdict.UnknownSender:
                    // The sender may have admitted us long ago while we restarted: ask it to present itself.
                    PromptUnknown(from, now);

                    break;
                default:
                    NoteRefusal(verdict, ref header, from, buffer, offset, now);
                    break;
            }
        }

        private void OnAuthentic(PeerEntry peer, ref FrameHeader header, LinkAddress from, byte[] buffer, int offset, int length, long now)
        {
            ObserveDirect(ref header, peer.Id, now);
            switch (header.Kind)
            {
                case FrameKind.Beacon:
                    if (!Beacon.TryDecode(buffer.AsSpan(FrameCodec.PayloadOffset(offset), header.PayloadLength), out Beacon beacon))
                    {
                        Count(RuntimeCounter.BadBeacon);
                        return;
                    }

                    if (from is UdpAddress udp)
                    {
                        IPAddress host = beacon.Address ?? udp.EndPoint.Address;
                        var advertised = new IPEndPoint(host, beacon.UdpPort);
                        if (advertised.Equals(udp.EndPoint))
                        {
                            peer.Advertised = null;
                        }
                        else if (peer.Advertised == null || !peer.Advertised.EndPoint.Equals(advertised))
                        {
                            peer.Advertised = new UdpAddress(advertised);
                        }
                    }

                    if (beacon.ReplyRequested && now - peer.CredentialsSentMs >= CredentialsRefreshMs)
                    {
                        SendCredentials(peer.Route ?? from, replyRequested: false, now);
                        peer.CredentialsSentMs = now;
                    }

                    break;
                case FrameKind.Membership when header.PayloadType == PayloadType.PeerDirectory:
                    OnDirectory(peer, buffer, FrameCodec.PayloadOffset(offset), header.PayloadLength, now);
                    break;
                case FrameKind.Membership when header.PayloadType == PayloadType.RevocationOffer:
                    OnRevocationMessage(peer, buffer.AsSpan(FrameCodec.PayloadOffset(offset), header.PayloadLength), now);
                    break;
                case FrameKind.Membership:
                    if (_mesh != null)
                    {
                        _mesh.Receive(buffer, offset, length, now);
                        DeliverPending(header.Sender, now);
                    }

                    break;
                case FrameKind.Direct:
                case FrameKind.Ack:
                    OnDirectFrame(ref header, peer.Id, buffer, offset, length, now);
                    break;
                default:
                    Count(RuntimeCounter.UnsupportedKind);
                    break;
            }
        }

        /// <summary>Records that <paramref name="id"/> spoke from <paramref name="from"/>; offers new peers to the mesh protocol.</summary>
        private PeerEntry Heard(NodeId id, LinkAddress from, long now)
        {
            PeerEntry peer = _peers.GetOrAdd(id, now, out bool created);
            peer.LastHeardMs = now;
            // Beacons leave from the node's own socket, so the source is where to answer, whichever
            // socket heard it; a beacon's advertised address (behind NAT) takes precedence.
            peer.Address = from;

            if (created)
            {
                Log.PeerLearnt(_log, id, from);
                OfferRevocationsTo(peer, now);
            }

            if (!peer.Joined && _mesh != null)
            {
                peer.Joined = true;
                _mesh.Join(id, now);
            }

            return peer;
        }

        private void PromptUnknown(LinkAddress from, long now)
        {
            if (now - _lastPromptMs < PromptIntervalMs)
            {
                return;
            }

            _lastPromptMs = now;
            SendCredentials(from, replyRequested: true, now);
        }
    }
}

using EdgeMesh.Gossip;
using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Frames;
using EdgeMesh.Security.Identity;
using EdgeMesh.Transport;
using EdgeMesh.Transport.Discovery;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>The send path: credentials and beacons, the mesh protocol's frames, local delivery.</content>
    public sealed partial class MeshNode
    {
        /// <summary>Longest topic name accepted (bytes of UTF-8).</summary>
        public const int MaxTopicLength = 256;

        private const long PromptIntervalMs = 250;
        private long _lastPromptMs = long.MinValue;
        private NodeId _lastSender;
        private string? _lastSenderText;

        /// <summary>Publishes a payload on a topic now: to the mesh and to this node's own subscribers.</summary>
        public PublishResult Publish(string topic, ushort payloadType, ReadOnlySpan<byte> payload, Priority priority = Priority.Telemetry)
        {
            return Publish(topic, payloadType, payload, priority, flush: true);
        }

        /// <summary>Starts delivering <paramref name="topics"/> into a new subscription (dispose it to stop).</summary>
        public Subscription Subscribe(IReadOnlyList<string> topics)
        {
            ArgumentNullException.ThrowIfNull(topics);
            var ids = new Dictionary<ulong, string>();
            foreach (string topic in topics)
            {
                ids[TopicId.FromName(topic)] = topic;
            }

            var subscription = new Subscription(ids, _config.SubscriberQueue, Unsubscribe);
            lock (_gate)
            {
                _subscriptions.Add(subscription);
                foreach (ulong id in ids.Keys)
                {
                    _topicRefs.TryGetValue(id, out int refs);
                    _topicRefs[id] = refs + 1;
                    if (refs == 0)
                    {
                        _mesh?.Subscribe(id);
                    }
                }
            }

            return subscription;
        }

        private void Unsubscribe(Subscription subscription)
        {
            lock (_gate)
            {
                if (!_subscriptions.Remove(subscription))
                {
                    return;
                }

                foreach (ulong id in subscription.Topics.Keys)
                {
                    int refs = _topicRefs[id] - 1;
                    if (refs > 0)
                    {
                        _topicRefs[id] = refs;
                        continue;
                    }

                    _topicRefs.Remove(id);
                    _mesh?.Unsubscribe(id);
                }
            }
        }

        /// <summary>Certificate (production) and beacon, back to back: one datagram on UDP.</summary>
        private void SendCredentials(LinkAddress to, bool replyRequested, long now)
        {
            byte[] certificate = _security.Certificate;
            if (certificate.Length > 0)
            {
                certificate.CopyTo(_scratch, FrameCodec.PayloadOffset(0));
                SendOwn(to, FrameKind.Admission, certificate.Length, now);
            }

            var beacon = new Beacon(replyRequested ? BeaconFlags.ReplyRequested : (byte)0, _udp.LocalEndPoint.Port, _tcp.LocalEndPoint?.Port ?? 0, Advertised);
            SendOwn(to, FrameKind.Beacon, beacon.Encode(_scratch.AsSpan(FrameCodec.PayloadOffset(0))), now);
            _counters[(int)RuntimeCounter.CredentialsSent]++;
        }

        private System.Net.IPAddress? Advertised => _config.Advertise == null ? null : System.Net.IPAddress.Parse(_config.Advertise);

        /// <summary>Seals the frame whose payload is at the header offset of the scratch buffer and sends it.</summary>
        private void SendOwn(LinkAddress to, FrameKind kind, int payloadLength, long now, NodeId destination = default, ushort payloadType = 0, Priority priority = Priority.Control, byte flags = FrameFlags.NoRelay)
        {
            var header = new FrameHeader
            {
                Kind = kind,
                Flags = flags,
                Priority = priority,
                Destination = destination.Value,
                PayloadType = payloadType,
                PayloadLength = payloadLength,
            };
            if (_security.Seal(ref header, _scratch, now, out int length) != FrameError.None)
            {
                Count(RuntimeCounter.SealFailures);
                return;
            }

            SendFrame(to, _scratch.AsSpan(0, length));
        }

        private void SendFrame(LinkAddress to, ReadOnlySpan<byte> frame)
        {
            Count(RuntimeCounter.FramesOut);
            if (to is UdpAddress udp)
            {
                _udp.Send(udp, frame);
            }
            else if (to is IFrameLink link)
            {
                link.Send(frame); // TCP connection or serial line; a refusal is counted by the link
            }
        }

        /// <summary>Carries the mesh protocol's outputs: frames re-sealed as this node, deliveries to subscribers. Then flushes UDP.</summary>
        private void Pump(long now)
        {
            // Direct messages first: inbox publishes join the gossip queue, and gossip deliveries to the
            // inbox produce acknowledgements, so repeat while either side has more.
            bool more = PumpDirect(now);
            while (_mesh != null && more | PumpMesh(now))
            {
                more = PumpDirect(now);
            }

            _udp.Flush();
        }

        /// <summary>Sends the mesh protocol's frames and delivers its messages; true when any delivery was made.</summary>
        private bool PumpMesh(long now)
        {
            while (_mesh!.TryDequeue(out OutboundFrame frame))
            {
                SendMeshFrame(frame, now);
                _mesh.Release(frame);
            }

            return DeliverPending(null, now);
        }

        private void SendMeshFrame(OutboundFrame frame, long now)
        {
            if (DropIfRevoked(frame.To))
            {
                return;
            }

            if (!_peers.TryGet(frame.To, out PeerEntry? peer) || peer!.Route == null)
            {
                if (!HoldForLookup(frame, now))
                {
                    Count(RuntimeCounter.NoRoute);
                }

                return;
            }

            if (FrameCodec.Decode(frame.Buffer, 0, frame.Length, WireFormat.MaxPayloadLength, out FrameHeader header) != FrameError.None)
            {
                Count(RuntimeCounter.SealFailures);
                return;
            }

            if (peer.CredentialsSentMs == long.MinValue)
            {
                // First contact: the certificate goes first, in the same datagram, so the peer can
                // admit this node before it checks the frame.
                SendCredentials(peer.Route, replyRequested: false, now);
                peer.CredentialsSentMs = now;
            }

            // Hop-by-hop frames are signed by this node with its own sequence, whatever the protocol stamped.
            Array.Copy(frame.Buffer, FrameCodec.PayloadOffset(0), _scratch, FrameCodec.PayloadOffset(0), header.PayloadLength);
            SendOwn(peer.Route, header.Kind, header.PayloadLength, now, new NodeId(header.Destination), header.PayloadType, header.Priority, header.Flags);
        }

        /// <summary>
        /// Hands the mesh protocol's deliveries to local subscribers. <paramref name="carrier"/> is the
        /// verified sender of the frame that just brought them: a message it originated was covered
        /// by that frame's signature, so its own is not checked again (each message verified once).
        /// </summary>
        private bool DeliverPending(NodeId? carrier, long now)
        {
            bool delivered = false;
            while (_mesh!.TryTakeDelivery(out MeshDelivery delivery))
            {
                Deliver(delivery, carrier, now);
                delivered = true;
            }

            return delivered;
        }

        private void Deliver(MeshDelivery delivery, NodeId? carrier, long now)
        {
            FrameVerdict verdict = carrier.HasValue
                ? _security.OriginVerifier.VerifyCarried(delivery.Frame, 0, delivery.FrameLength, now, carrier.Value, out FrameHeader header)
                : _security.OriginVerifier.Verify(delivery.Frame, 0, delivery.FrameLength, now, out header);
            if (verdict == FrameVerdict.UnknownSender)
            {
                HoldOrigin(delivery, header.Sender, now); // relayed from an originator that never presented itself here
                return;
            }

            if (verdict != FrameVerdict.Accepted || header.Kind != FrameKind.Publish)
            {
                Count(RuntimeCounter.OriginRejected);
                return;
            }

            if (TryReceiveInboxPublish(ref header, delivery.Frame, now))
            {
                return;
            }

            int payloadOffset = FrameCodec.PayloadOffset(0);
            if (header.PayloadType == EdgeMesh.Protocol.Payloads.PayloadType.PublishBatch)
            {
                if (!OfferBatch(header.Destination, header.Sender, delivery.Frame, payloadOffset, header.PayloadLength, (long)header.TimestampMs, now))
                {
                    Count(RuntimeCounter.OriginRejected);
                }

                return;
            }

            Offer(header.Destination, header.Sender, header.PayloadType, delivery.Frame.AsSpan(payloadOffset, header.PayloadLength), (long)header.TimestampMs, now);
        }

        /// <summary>Queues the message for every matching subscriber (one copy of the payload, made only when someone wants it).</summary>
        private void Offer(ulong topic, NodeId sender, ushort payloadType, ReadOnlySpan<byte> payload, long timestampMs, long now)
        {
            byte[]? copy = null;
            foreach (Subscription subscription in _subscriptions)
            {
                if (subscription.Topics.TryGetValue(topic, out string? name))
                {
                    copy ??= payload.ToArray();
                    long before = subscription.Dropped;
                    subscription.Offer(new MeshMessage(name, SenderText(sender), payloadType, copy, timestampMs, now));
                    Count(RuntimeCounter.Delivered);
                    if (subscription.Dropped != before)
                    {
                        Count(RuntimeCounter.SubscriberDrops);
                    }
                }
            }
        }

        /// <summary>The short text form of a sender id, remembered for the last sender (batches and streams repeat it).</summary>
        private string SenderText(NodeId sender)
        {
            if (_lastSenderText == null || _lastSender != sender)
            {
                _lastSender = sender;
                _lastSenderText = NodeIds.FormatShort(sender);
            }

            return _lastSenderText;
        }
    }
}

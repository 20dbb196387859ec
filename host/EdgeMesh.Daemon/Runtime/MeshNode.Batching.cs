using System;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Daemon.Runtime
{
    /// <content>
    /// Publishing, with optional batching: messages published with <c>flush: false</c> on the same
    /// topic and priority gather in one pending batch that leaves as a single Publish frame of type
    /// <see cref="PayloadType.PublishBatch"/> (one origin signature, one hop signature, one
    /// verification at the receiver for all of them; a batch fills at most one datagram) at
    /// <see cref="Flush"/>, when it is full, when another topic is published, or at the next timer
    /// tick (at most 100 ms later). docs/payloads.md §9.
    /// </content>
    public sealed partial class MeshNode
    {
        private readonly int _batchLimit;
        private byte[]? _batch;
        private int _batchLength;
        private int _batchCount;
        private ushort _batchFirstType;
        private ulong _batchTopic;
        private Priority _batchPriority;

        /// <summary>
        /// Publishes a payload on a topic: to the mesh and to this node's own subscribers. With
        /// <paramref name="flush"/> false the message may wait in a batch (see the remarks on this
        /// class's batching) until <see cref="Flush"/>; with true it leaves now, after any batch.
        /// </summary>
        public PublishResult Publish(string topic, ushort payloadType, ReadOnlySpan<byte> payload, Priority priority, bool flush)
        {
            if (string.IsNullOrEmpty(topic) || System.Text.Encoding.UTF8.GetByteCount(topic) > MaxTopicLength)
            {
                return PublishResult.BadTopic;
            }

            if (payload.Length > _config.MaxPayloadBytes)
            {
                return PublishResult.TooLarge;
            }

            if (_mesh == null)
            {
                return PublishResult.NoMeshProtocol;
            }

            ulong topicId = TopicId.FromName(topic);
            lock (_gate)
            {
                long now = NowMs;
                if (_batchCount > 0 && (_batchTopic != topicId || _batchPriority != priority || _batchLength + PublishBatchCodec.EntryHeaderLength + payload.Length > _batchLimit))
                {
                    SendBatch(now);
                }

                if (flush && _batchCount == 0)
                {
                    payload.CopyTo(_scratch.AsSpan(FrameCodec.PayloadOffset(0)));
                    if (SealAndPublish(topicId, payloadType, priority, payload.Length, now) != FrameError.None)
                    {
                        return PublishResult.Refused;
                    }
                }
                else
                {
                    AddToBatch(topicId, payloadType, priority, payload);
                    if (flush)
                    {
                        SendBatch(now);
                    }
                }

                Offer(topicId, Id, payloadType, payload, now, now);
                if (flush)
                {
                    Pump(now);
                }
            }

            return PublishResult.Published;
        }

        /// <summary>Sends the pending batch and everything queued for the sockets.</summary>
        public void Flush()
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    long now = NowMs;
                    SendBatch(now);
                    Pump(now);
                }
            }
        }

        private void AddToBatch(ulong topicId, ushort payloadType, Priority priority, ReadOnlySpan<byte> payload)
        {
            _batch ??= new byte[_batchLimit];
            if (_batchCount == 0)
            {
                _batchTopic = topicId;
                _batchPriority = priority;
                _batchFirstType = payloadType;
                _batchLength = 0;
            }

            // A lone payload too large for an entry header beside it still goes out on its own at SendBatch.
            if (PublishBatchCodec.WriteEntryHeader(_batch, _batchLength, _batch.Length - _batchLength, payloadType, payload.Length) == FrameError.None)
            {
                payload.CopyTo(_batch.AsSpan(_batchLength + PublishBatchCodec.EntryHeaderLength));
            }
            else
            {
                payload.CopyTo(_scratch.AsSpan(FrameCodec.PayloadOffset(0)));
                if (SealAndPublish(topicId, payloadType, priority, payload.Length, NowMs) != FrameError.None)
                {
                    Count(RuntimeCounter.SealFailures);
                }

                return;
            }

            _batchLength += PublishBatchCodec.EntryHeaderLength + payload.Length;
            _batchCount++;
        }

        /// <summary>The pending batch as one frame; a batch of one goes out as a plain Publish frame.</summary>
        private void SendBatch(long now)
        {
            if (_batchCount == 0)
            {
                return;
            }

            int payloadOffset = FrameCodec.PayloadOffset(0);
            FrameError error;
            if (_batchCount == 1)
            {
                int length = _batchLength - PublishBatchCodec.EntryHeaderLength;
                Array.Copy(_batch!, PublishBatchCodec.EntryHeaderLength, _scratch, payloadOffset, length);
                error = SealAndPublish(_batchTopic, _batchFirstType, _batchPriority, length, now);
            }
            else
            {
                Array.Copy(_batch!, 0, _scratch, payloadOffset, _batchLength);
                error = SealAndPublish(_batchTopic, PayloadType.PublishBatch, _batchPriority, _batchLength, now);
            }

            if (error != FrameError.None)
            {
                Count(RuntimeCounter.SealFailures);
            }

            _batchCount = 0;
            _batchLength = 0;
        }

        /// <summary>Seals the Publish frame whose payload is at the payload offset of the scratch buffer and hands it to the mesh protocol.</summary>
        private FrameError SealAndPublish(ulong topicId, ushort payloadType, Priority priority, int payloadLength, long now)
        {
            var header = new FrameHeader
            {
                Kind = FrameKind.Publish,
                Priority = priority,
                HopLimit = WireFormat.MaxHops,
                Destination = topicId,
                PayloadType = payloadType,
                PayloadLength = payloadLength,
            };
            FrameError error = _security.SealPublish(ref header, _scratch, now, out int length);
            return error != FrameError.None ? error : _mesh!.Publish(_scratch, 0, length, now);
        }

        /// <summary>Hands each message of a received batch to the local subscribers; false when the batch is malformed.</summary>
        private bool OfferBatch(ulong topic, NodeId sender, byte[] frame, int payloadOffset, int payloadLength, long timestampMs, long now)
        {
            if (PublishBatchCodec.Validate(frame, payloadOffset, payloadLength, out _) != FrameError.None)
            {
                return false;
            }

            int end = payloadOffset + payloadLength;
            int at = payloadOffset;
            while (at < end)
            {
                PublishBatchCodec.ReadEntry(frame, at, end, out ushort type, out int offset, out int length);
                Offer(topic, sender, type, frame.AsSpan(offset, length), timestampMs, now);
                at = offset + length;
            }

            return true;
        }
    }
}

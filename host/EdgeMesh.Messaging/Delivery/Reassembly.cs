using System;
using System.Collections.Generic;
using EdgeMesh.Messaging.Wire;

namespace EdgeMesh.Messaging.Delivery
{
    /// <summary>
    /// Rebuilds envelopes from fragments (docs/direct-messages.md §3.3). Fragments of one message may
    /// come from several attempts and paths: a retry fills the gaps an earlier attempt left. Bounded by
    /// a number of slots and a byte budget; when either is exhausted the least recently fed slot is
    /// evicted, and a slot that hears nothing for the timeout is dropped (both counted). Not thread-safe.
    /// </summary>
    internal sealed class Reassembly
    {
        private readonly Dictionary<(ulong Sender, DmRequestId Id), LinkedListNode<Slot>> _slots = new Dictionary<(ulong Sender, DmRequestId Id), LinkedListNode<Slot>>();
        private readonly LinkedList<Slot> _byLastFed = new LinkedList<Slot>();
        private readonly int _maxSlots;
        private readonly long _maxBytes;
        private readonly long _timeoutMs;
        private long _bytes;

        internal Reassembly(int maxSlots, long maxBytes, long timeoutMs)
        {
            _maxSlots = maxSlots;
            _maxBytes = maxBytes;
            _timeoutMs = timeoutMs;
        }

        internal int Count => _slots.Count;

        internal long Bytes => _bytes;

        internal long Evictions { get; private set; }

        internal long Timeouts { get; private set; }

        internal long Duplicates { get; private set; }

        /// <summary>When the least recently fed slot times out.</summary>
        internal long NextExpiryMs => _byLastFed.First == null ? long.MaxValue : _byLastFed.First.Value.LastFedMs + _timeoutMs;

        /// <summary>
        /// Adds one parsed fragment. Returns <see cref="DmRefusal.None"/> with the whole envelope once the
        /// last missing fragment arrives (null while incomplete), or <see cref="DmRefusal.FragmentMismatch"/>
        /// for a fragment that disagrees with the earlier ones.
        /// </summary>
        internal DmRefusal Add(in FragmentHeader header, ReadOnlySpan<byte> chunk, long nowMs, out byte[]? envelope)
        {
            envelope = null;
            if (header.Count == 1)
            {
                envelope = chunk.ToArray();
                return DmRefusal.None;
            }

            var key = (header.Sender.Value, header.RequestId);
            if (!_slots.TryGetValue(key, out LinkedListNode<Slot>? node))
            {
                MakeRoom(header.EnvelopeLength);
                node = _byLastFed.AddLast(new Slot(key, header, nowMs));
                _slots.Add(key, node);
                _bytes += header.EnvelopeLength;
            }

            Slot slot = node.Value;
            if (!slot.Header.SameSplit(header))
            {
                return DmRefusal.FragmentMismatch;
            }

            if (slot.Have[header.Index])
            {
                Duplicates++;
                return DmRefusal.None;
            }

            chunk.CopyTo(slot.Buffer.AsSpan(header.ChunkOffset));
            slot.Have[header.Index] = true;
            slot.Missing--;
            slot.LastFedMs = nowMs;
            _byLastFed.Remove(node);
            if (slot.Missing > 0)
            {
                _byLastFed.AddLast(node);
                return DmRefusal.None;
            }

            _slots.Remove(key);
            _bytes -= slot.Buffer.Length;
            envelope = slot.Buffer;
            return DmRefusal.None;
        }

        /// <summary>Drops slots that heard nothing for the timeout.</summary>
        internal void Sweep(long nowMs)
        {
            while (_byLastFed.First != null && nowMs >= _byLastFed.First.Value.LastFedMs + _timeoutMs)
            {
                RemoveFirst();
                Timeouts++;
            }
        }

        private void MakeRoom(int length)
        {
            while (_byLastFed.First != null && (_slots.Count >= _maxSlots || _bytes + length > _maxBytes))
            {
                RemoveFirst();
                Evictions++;
            }
        }

        private void RemoveFirst()
        {
            Slot oldest = _byLastFed.First!.Value;
            _slots.Remove(oldest.Key);
            _bytes -= oldest.Buffer.Length;
            _byLastFed.RemoveFirst();
        }

        private sealed class Slot
        {
            internal Slot((ulong Sender, DmRequestId Id) key, FragmentHeader header, long nowMs)
            {
                Key = key;
                Header = header;
                Buffer = new byte[header.EnvelopeLength];
                Have = new bool[header.Count];
                Missing = header.Count;
                LastFedMs = nowMs;
            }

            internal (ulong Sender, DmRequestId Id) Key { get; }

            internal FragmentHeader Header { get; }

            internal byte[] Buffer { get; }

            internal bool[] Have { get; }

            internal int Missing { get; set; }

            internal long LastFedMs { get; set; }
        }
    }
}

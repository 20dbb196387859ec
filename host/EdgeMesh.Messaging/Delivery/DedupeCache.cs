using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Delivery
{
    /// <summary>
    /// The recipient's memory of messages it already decided on: (sender, request id) → outcome,
    /// kept until the message's own expiry, after which a copy is refused as expired anyway. So a
    /// retry or replay is never delivered twice while it could still be accepted. Bounded: when full,
    /// the entry expiring first is evicted and its expiry becomes the <see cref="FloorMs"/>; an unknown
    /// message expiring at or before the floor might be a replay of an evicted one and is refused.
    /// Not thread-safe.
    /// </summary>
    internal sealed class DedupeCache
    {
        private readonly Dictionary<Key, Outcome> _entries;
        private readonly PriorityQueue<Key, long> _byExpiry;

        internal DedupeCache(int capacity)
        {
            Capacity = capacity;
            _entries = new Dictionary<Key, Outcome>(Math.Min(capacity, 1 << 16));
            _byExpiry = new PriorityQueue<Key, long>(Math.Min(capacity, 1 << 16));
        }

        internal int Capacity { get; }

        internal int Count => _entries.Count;

        /// <summary>Entries evicted before expiry.</summary>
        internal long Evictions { get; private set; }

        /// <summary>Latest expiry among evicted entries (long.MinValue while none was evicted).</summary>
        internal long FloorMs { get; private set; } = long.MinValue;

        /// <summary>When the next entry expires.</summary>
        internal long NextExpiryMs => _byExpiry.TryPeek(out _, out long expires) ? expires : long.MaxValue;

        internal bool TryGet(NodeId sender, DmRequestId id, out DmRejectReason reason, out string text)
        {
            if (_entries.TryGetValue(new Key(sender.Value, id), out Outcome outcome))
            {
                reason = outcome.Reason;
                text = outcome.Text;
                return true;
            }

            reason = DmRejectReason.None;
            text = string.Empty;
            return false;
        }

        /// <summary>Remembers an outcome until <paramref name="expiresMs"/>; the caller checked it is not present.</summary>
        internal void Add(NodeId sender, DmRequestId id, long expiresMs, DmRejectReason reason, string text)
        {
            if (_entries.Count >= Capacity)
            {
                _byExpiry.TryDequeue(out Key evicted, out long evictedExpiry);
                _entries.Remove(evicted);
                FloorMs = Math.Max(FloorMs, evictedExpiry);
                Evictions++;
            }

            var key = new Key(sender.Value, id);
            _entries.Add(key, new Outcome(reason, text));
            _byExpiry.Enqueue(key, expiresMs);
        }

        /// <summary>Forgets entries whose message has expired.</summary>
        internal void Sweep(long nowMs)
        {
            while (_byExpiry.TryPeek(out Key key, out long expires) && expires <= nowMs)
            {
                _byExpiry.Dequeue();
                _entries.Remove(key);
            }
        }

        private readonly record struct Key(ulong Sender, DmRequestId Id);

        private readonly record struct Outcome(DmRejectReason Reason, string Text);
    }
}

using System;
using System.Collections.Generic;

namespace EdgeMesh.Messaging.Delivery
{
    /// <summary>
    /// Received direct messages handed to a reader but not yet confirmed (docs/direct-messages.md
    /// §8.4). A leased message stays in the persisted inbox and keeps its request id remembered;
    /// confirming it frees it for good, and a lease that runs out puts it back in the inbox, so a
    /// reader that crashed or lost its HTTP response loses nothing. Bounded by the inbox capacity
    /// (a leased message still counts against it). Sans-IO: time is passed in.
    /// </summary>
    internal sealed class InboxLeases
    {
        private static readonly Comparer<DirectMessage> ByDelivery = Comparer<DirectMessage>.Create((a, b) => a.ReceivedAtMs.CompareTo(b.ReceivedAtMs));

        private readonly Dictionary<DmRequestId, Lease> _leases = new Dictionary<DmRequestId, Lease>();
        private readonly List<DmRequestId> _expired = new List<DmRequestId>();

        /// <summary>Messages leased now.</summary>
        internal int Count => _leases.Count;

        /// <summary>Payload bytes of the leased messages.</summary>
        internal long Bytes { get; private set; }

        /// <summary>Earliest lease expiry, or <see cref="long.MaxValue"/> when nothing is leased.</summary>
        internal long NextExpiryMs { get; private set; } = long.MaxValue;

        internal void Add(DirectMessage message, long expiresMs)
        {
            _leases[message.RequestId] = new Lease(message, expiresMs);
            Bytes += message.Payload.Length;
            NextExpiryMs = Math.Min(NextExpiryMs, expiresMs);
        }

        /// <summary>Removes a confirmed message; false when it is not leased (unknown, already confirmed or returned).</summary>
        internal bool TryRemove(DmRequestId id, out DirectMessage message)
        {
            if (!_leases.Remove(id, out Lease lease))
            {
                message = null!;
                return false;
            }

            Bytes -= lease.Message.Payload.Length;
            message = lease.Message;
            return true;
        }

        /// <summary>Hands every lease that ran out by <paramref name="nowMs"/> to <paramref name="returned"/>, oldest delivery first.</summary>
        internal int ReturnExpired(long nowMs, List<DirectMessage> returned)
        {
            if (nowMs < NextExpiryMs)
            {
                return 0;
            }

            _expired.Clear();
            long next = long.MaxValue;
            foreach (KeyValuePair<DmRequestId, Lease> entry in _leases)
            {
                if (entry.Value.ExpiresMs <= nowMs)
                {
                    _expired.Add(entry.Key);
                }
                else
                {
                    next = Math.Min(next, entry.Value.ExpiresMs);
                }
            }

            int start = returned.Count;
            foreach (DmRequestId id in _expired)
            {
                TryRemove(id, out DirectMessage message);
                returned.Add(message);
            }

            returned.Sort(start, returned.Count - start, ByDelivery);
            NextExpiryMs = next;
            return _expired.Count;
        }

        private readonly struct Lease
        {
            internal Lease(DirectMessage message, long expiresMs)
            {
                Message = message;
                ExpiresMs = expiresMs;
            }

            internal DirectMessage Message { get; }

            internal long ExpiresMs { get; }
        }
    }
}

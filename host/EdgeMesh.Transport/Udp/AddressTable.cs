using System.Collections.Generic;
using System.Net;

namespace EdgeMesh.Transport
{
    /// <summary>
    /// Maps received socket addresses to one <see cref="UdpAddress"/> each, so a known peer's
    /// datagram costs a lookup and no allocation. Bounded: when full, the oldest entry is forgotten
    /// (counted); a forgotten peer simply gets a new, equal <see cref="UdpAddress"/>. Not thread-safe:
    /// one receive loop.
    /// </summary>
    internal sealed class AddressTable
    {
        private readonly Dictionary<SocketAddress, UdpAddress> _map;
        private readonly SocketAddress?[] _order;
        private readonly TransportCounters _counters;
        private int _next;

        internal AddressTable(int capacity, TransportCounters counters)
        {
            System.ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            _map = new Dictionary<SocketAddress, UdpAddress>(capacity);
            _order = new SocketAddress?[capacity];
            _counters = counters;
        }

        internal int Count => _map.Count;

        internal UdpAddress Resolve(SocketAddress received)
        {
            if (_map.TryGetValue(received, out UdpAddress? known))
            {
                return known;
            }

            UdpAddress address = UdpAddress.FromSocketAddress(received);
            SocketAddress? oldest = _order[_next];
            if (oldest != null)
            {
                _map.Remove(oldest);
                _counters.Increment(TransportCounter.AddressEvictions);
            }

            _order[_next] = address.SocketAddress;
            _next = (_next + 1) % _order.Length;
            _map[address.SocketAddress] = address;
            return address;
        }
    }
}

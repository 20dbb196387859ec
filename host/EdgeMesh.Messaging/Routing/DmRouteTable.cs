using System;
using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Routing
{
    /// <summary>
    /// Reverse-path routes learned from traffic (docs/direct-messages.md §6.2): a frame from origin O
    /// that arrived through neighbour N after h relays says "O is h+1 links away through N". A route
    /// is replaced by fresher news (a higher origin sequence), by a shorter path for the same sequence,
    /// and refreshed by news through the same neighbour; it expires after <see cref="LifetimeMs"/>
    /// without news. At most <see cref="Capacity"/> routes; when full the least recently heard one is
    /// evicted (counted). Not thread-safe.
    /// </summary>
    public sealed class DmRouteTable
    {
        private readonly NodeId _self;
        private readonly Dictionary<ulong, LinkedListNode<Route>> _routes;
        private readonly LinkedList<Route> _byLastHeard = new LinkedList<Route>();

        /// <summary>Creates an empty table for node <paramref name="self"/>.</summary>
        /// <param name="self">This node (frames it originated teach nothing).</param>
        /// <param name="capacity">Most destinations held (1..1,000,000).</param>
        /// <param name="lifetimeMs">How long a route lives without news (1 ms .. 1 day).</param>
        public DmRouteTable(NodeId self, int capacity, long lifetimeMs)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1_000_000);
            ArgumentOutOfRangeException.ThrowIfLessThan(lifetimeMs, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetimeMs, 86_400_000);
            _self = self;
            Capacity = capacity;
            LifetimeMs = lifetimeMs;
            _routes = new Dictionary<ulong, LinkedListNode<Route>>(capacity);
        }

        /// <summary>Most destinations held.</summary>
        public int Capacity { get; }

        /// <summary>How long a route lives without news.</summary>
        public long LifetimeMs { get; }

        /// <summary>Routes held now (some may have expired and not been swept yet).</summary>
        public int Count => _routes.Count;

        /// <summary>Routes created or moved to another next hop.</summary>
        public long Changes { get; private set; }

        /// <summary>Routes evicted because the table was full.</summary>
        public long Evictions { get; private set; }

        /// <summary>Routes dropped because they expired.</summary>
        public long Expirations { get; private set; }

        /// <summary>Routes dropped because a delivery over them failed.</summary>
        public long Invalidations { get; private set; }

        /// <summary>
        /// Learns from one authenticated frame: <paramref name="origin"/> sent it with sequence
        /// <paramref name="sequence"/>, it arrived from <paramref name="neighbour"/> after
        /// <paramref name="hops"/> relays (0 = from the origin itself). True when this opened a route to
        /// <paramref name="origin"/> where none was live (a node appeared or came back); false when it
        /// only refreshed or moved an existing route, or taught nothing.
        /// </summary>
        public bool Observe(NodeId origin, ulong sequence, NodeId neighbour, int hops, long nowMs)
        {
            if (origin.IsEmpty || neighbour.IsEmpty || origin == _self || neighbour == _self || hops < 0 || hops > WireFormat.MaxHops)
            {
                return false;
            }

            int distance = hops + 1;
            if (_routes.TryGetValue(origin.Value, out LinkedListNode<Route>? node))
            {
                Route route = node.Value;
                bool live = nowMs < route.ExpiresMs;
                bool sameHop = route.NextHop == neighbour;
                bool better = !live || sequence > route.Sequence || (sequence == route.Sequence && distance < route.Distance);
                if (!better && !sameHop)
                {
                    return false;
                }

                if (sameHop && !better)
                {
                    // Same path heard again (an older or longer copy): keep the facts, extend the life.
                    sequence = route.Sequence;
                    distance = route.Distance;
                }

                _byLastHeard.Remove(node);
                node.Value = new Route(origin, neighbour, distance, sequence, nowMs + LifetimeMs);
                _byLastHeard.AddLast(node);
                if (!sameHop)
                {
                    Changes++;
                }

                return !live;
            }

            if (_routes.Count >= Capacity)
            {
                LinkedListNode<Route> oldest = _byLastHeard.First!;
                _routes.Remove(oldest.Value.Destination.Value);
                _byLastHeard.RemoveFirst();
                Evictions++;
            }

            _routes.Add(origin.Value, _byLastHeard.AddLast(new Route(origin, neighbour, distance, sequence, nowMs + LifetimeMs)));
            Changes++;
            return true;
        }

        /// <summary>The next hop toward <paramref name="destination"/> and its distance in links; false when none is live.</summary>
        public bool TryGetNextHop(NodeId destination, long nowMs, out NodeId nextHop, out int distance)
        {
            nextHop = default;
            distance = 0;
            if (!_routes.TryGetValue(destination.Value, out LinkedListNode<Route>? node))
            {
                return false;
            }

            if (nowMs >= node.Value.ExpiresMs)
            {
                Drop(node);
                Expirations++;
                return false;
            }

            nextHop = node.Value.NextHop;
            distance = node.Value.Distance;
            return true;
        }

        /// <summary>Forgets the route to <paramref name="destination"/> after a delivery over it failed.</summary>
        public bool Invalidate(NodeId destination)
        {
            if (!_routes.TryGetValue(destination.Value, out LinkedListNode<Route>? node))
            {
                return false;
            }

            Drop(node);
            Invalidations++;
            return true;
        }

        /// <summary>Removes expired routes (the least recently heard come first, so this stops at the first live one).</summary>
        public void Sweep(long nowMs)
        {
            // Every refresh moves a route to the end with the same lifetime, so expiry follows list order.
            while (_byLastHeard.First != null && nowMs >= _byLastHeard.First.Value.ExpiresMs)
            {
                Drop(_byLastHeard.First);
                Expirations++;
            }
        }

        /// <summary>When the oldest route expires (<see cref="long.MaxValue"/> when the table is empty).</summary>
        public long NextExpiryMs => _byLastHeard.First?.Value.ExpiresMs ?? long.MaxValue;

        private void Drop(LinkedListNode<Route> node)
        {
            _routes.Remove(node.Value.Destination.Value);
            _byLastHeard.Remove(node);
        }

        private readonly record struct Route(NodeId Destination, NodeId NextHop, int Distance, ulong Sequence, long ExpiresMs);
    }
}

using EdgeMesh.Gossip.Membership;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// One spanning tree over the active views, shared by all topics: a distance-vector
    /// breadth-first tree towards the smallest live node id (the tree root). Every node advertises
    /// (root, distance, parent) on PING, ACK and, when its choice changes, TREEADVERT; its parent is
    /// the neighbour with the shortest distance to the smallest root (ties: smaller id). Tree links
    /// of a node are its parent and the neighbours that name it as parent. New publishers' PlumTree
    /// trees start from these links (<see cref="TopicState"/>), so even a first message travels a
    /// shallow spanning tree; the tree heals itself when neighbours change, and dead roots are
    /// dropped through SWIM tombstones. <see cref="GossipOptions.MaxTreeDepth"/> bounds
    /// count-to-infinity loops.
    /// </summary>
    internal sealed class OverlayTree
    {
        private readonly GossipNode node;
        private readonly Advert[] adverts;
        private readonly int maxDepth;
        private int advertCount;

        internal OverlayTree(GossipNode node)
        {
            this.node = node;
            adverts = new Advert[node.Options.ActiveViewSize];
            maxDepth = node.Options.MaxTreeDepth;
            Root = node.Self;
        }

        /// <summary>The root this node currently follows (itself when it knows no smaller id).</summary>
        internal NodeId Root { get; private set; }

        /// <summary>Hops to <see cref="Root"/>.</summary>
        internal int Distance { get; private set; }

        /// <summary>Next hop towards <see cref="Root"/>; empty at the root.</summary>
        internal NodeId Parent { get; private set; }

        /// <summary>True when the link to <paramref name="peer"/> belongs to the tree.</summary>
        internal bool IsTreeLink(NodeId peer)
        {
            if (peer == Parent)
            {
                return true;
            }

            int i = IndexOf(peer);
            return i >= 0 && adverts[i].Parent == node.Self && adverts[i].Root == Root;
        }

        /// <summary>Fills the tree fields of an outgoing PING, ACK or TREEADVERT.</summary>
        internal void Describe(ControlMessage m)
        {
            m.TreeRoot = Root;
            m.TreeDistance = (byte)Distance;
            m.TreeParent = Parent;
        }

        /// <summary>Takes in a neighbour's advertisement (from PING, ACK or TREEADVERT).</summary>
        internal void OnAdvert(NodeId from, ControlMessage m)
        {
            int i = IndexOf(from);
            if (i < 0)
            {
                return; // not a neighbour: its tree position is irrelevant here
            }

            adverts[i].Known = true;
            adverts[i].Root = m.TreeRoot;
            adverts[i].Distance = m.TreeDistance;
            adverts[i].Parent = m.TreeParent;
            Recompute();
        }

        internal void OnNeighborUp(NodeId peer)
        {
            if (IndexOf(peer) < 0 && advertCount < adverts.Length)
            {
                adverts[advertCount++] = new Advert { Peer = peer };
            }

            SendAdvert(peer); // let the new neighbour place us at once
        }

        internal void OnNeighborDown(NodeId peer)
        {
            int i = IndexOf(peer);
            if (i >= 0)
            {
                adverts[i] = adverts[--advertCount];
                adverts[advertCount] = default(Advert);
            }

            Recompute();
        }

        /// <summary>A node was declared dead: stop following it as root.</summary>
        internal void OnDead(NodeId dead)
        {
            if (Root == dead || Parent == dead)
            {
                Recompute();
            }
        }

        /// <summary>Re-evaluates root, distance and parent; advertises to every neighbour on change.</summary>
        internal void Recompute()
        {
            NodeId root = node.Self;
            int distance = 0;
            NodeId parent = default(NodeId);
            for (int i = 0; i < advertCount; i++)
            {
                ref Advert a = ref adverts[i];
                if (!a.Known || a.Parent == node.Self || a.Distance + 1 > maxDepth || node.Swim.IsTombstoned(a.Root))
                {
                    continue; // a child cannot be our parent; too deep means a loop counting up
                }

                int d = a.Distance + 1;
                bool better = a.Root.Value < root.Value
                    || (a.Root == root && !parent.IsEmpty && (d < distance || (d == distance && a.Peer.Value < parent.Value)));
                if (better)
                {
                    root = a.Root;
                    distance = d;
                    parent = a.Peer;
                }
            }

            if (root == Root && distance == Distance && parent == Parent)
            {
                return;
            }

            Root = root;
            Distance = distance;
            Parent = parent;
            node.Counters.TreeChanges++;
            PeerView active = node.Views.Active;
            for (int i = 0; i < active.Count; i++)
            {
                SendAdvert(active[i]);
            }
        }

        private void SendAdvert(NodeId to)
        {
            ControlMessage m = node.Compose(ControlType.TreeAdvert);
            Describe(m);
            node.Send(to, m, Priority.Control);
        }

        private int IndexOf(NodeId peer)
        {
            for (int i = 0; i < advertCount; i++)
            {
                if (adverts[i].Peer == peer)
                {
                    return i;
                }
            }

            return -1;
        }

        private struct Advert
        {
            public NodeId Peer;
            public bool Known;
            public NodeId Root;
            public int Distance;
            public NodeId Parent;
        }
    }
}

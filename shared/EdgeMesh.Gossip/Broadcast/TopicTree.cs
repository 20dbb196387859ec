using System;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// PlumTree state of one (topic, root) pair: which active neighbours get this root's payloads
    /// eagerly (tree links) and which only get IHAVE announcements (lazy links). Both are subsets of
    /// the active view and keep insertion order. The peers sit in two arrays owned by the tree (no
    /// list objects in between): a node holds dozens of trees and reads one per payload.
    /// </summary>
    internal sealed class TopicTree
    {
        private NodeId[] eager = new NodeId[4];
        private NodeId[] lazy = new NodeId[4];
        private int eagerCount;
        private int lazyCount;

        internal TopicTree(NodeId root)
        {
            Root = root;
        }

        internal NodeId Root { get; private set; }

        /// <summary>Position in the owning <see cref="TopicState"/>'s tables.</summary>
        internal int Slot { get; set; }

        internal int EagerCount
        {
            get { return eagerCount; }
        }

        internal int LazyCount
        {
            get { return lazyCount; }
        }

        internal NodeId EagerAt(int index)
        {
            return eager[index];
        }

        internal NodeId LazyAt(int index)
        {
            return lazy[index];
        }

        /// <summary>Copies up to <paramref name="destination"/>.Length eager peers; returns how many.</summary>
        internal int CopyEager(NodeId[] destination)
        {
            int n = Math.Min(eagerCount, destination.Length);
            Array.Copy(eager, destination, n);
            return n;
        }

        /// <summary>Turns an evicted tree into an empty one for <paramref name="root"/>: a tree per publisher and node would otherwise make every new root garbage.</summary>
        internal void Reset(NodeId root)
        {
            Root = root;
            eagerCount = 0;
            lazyCount = 0;
        }

        /// <summary>Adds a peer known to be in neither set.</summary>
        internal void AddEager(NodeId peer)
        {
            Append(ref eager, ref eagerCount, peer);
        }

        /// <summary>Adds a peer known to be in neither set.</summary>
        internal void AddLazy(NodeId peer)
        {
            Append(ref lazy, ref lazyCount, peer);
        }

        internal void MakeEager(NodeId peer)
        {
            RemoveFrom(lazy, ref lazyCount, peer);
            if (IndexOf(eager, eagerCount, peer) < 0)
            {
                Append(ref eager, ref eagerCount, peer);
            }
        }

        internal void MakeLazy(NodeId peer)
        {
            RemoveFrom(eager, ref eagerCount, peer);
            if (IndexOf(lazy, lazyCount, peer) < 0)
            {
                Append(ref lazy, ref lazyCount, peer);
            }
        }

        internal void Remove(NodeId peer)
        {
            RemoveFrom(eager, ref eagerCount, peer);
            RemoveFrom(lazy, ref lazyCount, peer);
        }

        private static int IndexOf(NodeId[] peers, int count, NodeId peer)
        {
            for (int i = 0; i < count; i++)
            {
                if (peers[i].Value == peer.Value)
                {
                    return i;
                }
            }

            return -1;
        }

        private static void Append(ref NodeId[] peers, ref int count, NodeId peer)
        {
            if (count == peers.Length)
            {
                Array.Resize(ref peers, peers.Length * 2);
            }

            peers[count++] = peer;
        }

        private static void RemoveFrom(NodeId[] peers, ref int count, NodeId peer)
        {
            int i = IndexOf(peers, count, peer);
            if (i >= 0)
            {
                count--;
                Array.Copy(peers, i + 1, peers, i, count - i);
            }
        }
    }
}

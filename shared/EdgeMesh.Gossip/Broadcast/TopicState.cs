using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Membership;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// A topic's PlumTree trees, one per root (publishing node), as in Riak's plumtree: prunes and
    /// grafts caused by one root's messages change only that root's tree, so concurrent publishers
    /// cannot cut each other's trees apart (one shared tree per topic, pruned by every publisher's
    /// duplicates, falls apart under concurrent traffic: docs/gossip.md §4.2). A new root's tree
    /// starts from the overlay tree's links (<see cref="OverlayTree"/>), so its first message already
    /// travels a shallow spanning tree. At most <see cref="GossipOptions.MaxRootsPerTopic"/> trees;
    /// the least recently used is evicted first.
    /// </summary>
    internal sealed class TopicState
    {
        private readonly IdTable<TopicTree> roots = new IdTable<TopicTree>();
        private readonly List<TopicTree> trees = new List<TopicTree>();

        internal TopicState(ulong topic)
        {
            Topic = topic;
        }

        internal ulong Topic { get; }

        internal bool Subscribed { get; set; }

        internal long LastUsedMs { get; set; }

        internal int RootCount
        {
            get { return roots.Count; }
        }

        internal TopicTree? Find(NodeId root)
        {
            return roots.TryGetValue(root.Value, out TopicTree? tree) ? tree : null;
        }

        /// <summary>The root's tree, created from the overlay tree's links on first use.</summary>
        internal TopicTree Get(NodeId root, PeerView active, OverlayTree overlay, long now, int maxRoots, GossipCounters counters)
        {
            LastUsedMs = now;
            if (roots.TryGetValue(root.Value, out TopicTree? tree))
            {
                tree.LastUsedMs = now;
                return tree;
            }

            if (roots.Count >= maxRoots)
            {
                tree = EvictOne(counters);
                tree.Reset(root);
            }
            else
            {
                tree = new TopicTree(root);
            }

            tree.LastUsedMs = now;
            for (int i = 0; i < active.Count; i++)
            {
                if (overlay.IsTreeLink(active[i]))
                {
                    tree.Eager.Add(active[i]);
                }
                else
                {
                    tree.Lazy.Add(active[i]);
                }
            }

            roots.Set(root.Value, tree);
            trees.Add(tree);
            return tree;
        }

        internal void OnNeighborUp(NodeId peer)
        {
            for (int i = 0; i < trees.Count; i++)
            {
                trees[i].MakeEager(peer);
            }
        }

        internal void OnNeighborDown(NodeId peer)
        {
            for (int i = 0; i < trees.Count; i++)
            {
                trees[i].Remove(peer);
            }
        }

        private TopicTree EvictOne(GossipCounters counters)
        {
            int victim = 0;
            for (int i = 1; i < trees.Count; i++)
            {
                if (trees[i].LastUsedMs < trees[victim].LastUsedMs)
                {
                    victim = i;
                }
            }

            TopicTree evicted = trees[victim];
            roots.Remove(evicted.Root.Value);
            trees[victim] = trees[trees.Count - 1];
            trees.RemoveAt(trees.Count - 1);
            counters.RootEvictions++;
            return evicted;
        }
    }
}

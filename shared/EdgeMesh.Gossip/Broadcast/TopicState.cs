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

        // Last use of trees[i], kept apart from the trees so that choosing an eviction victim (once
        // per new publisher) scans one small array instead of every tree object.
        private readonly List<long> lastUsed = new List<long>();

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
                lastUsed[tree.Slot] = now;
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

            for (int i = 0; i < active.Count; i++)
            {
                if (overlay.IsTreeLink(active[i]))
                {
                    tree.AddEager(active[i]);
                }
                else
                {
                    tree.AddLazy(active[i]);
                }
            }

            roots.Set(root.Value, tree);
            tree.Slot = trees.Count;
            trees.Add(tree);
            lastUsed.Add(now);
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
            for (int i = 1; i < lastUsed.Count; i++)
            {
                if (lastUsed[i] < lastUsed[victim])
                {
                    victim = i;
                }
            }

            TopicTree evicted = trees[victim];
            roots.Remove(evicted.Root.Value);
            int last = trees.Count - 1;
            trees[victim] = trees[last];
            trees[victim].Slot = victim;
            lastUsed[victim] = lastUsed[last];
            trees.RemoveAt(last);
            lastUsed.RemoveAt(last);
            counters.RootEvictions++;
            return evicted;
        }
    }
}

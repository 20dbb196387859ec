using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// PlumTree state of one (topic, root) pair (or of a topic's base tree, whose root is empty): which active neighbours get this root's payloads
    /// eagerly (tree links) and which only get IHAVE announcements (lazy links). Both are subsets of
    /// the active view.
    /// </summary>
    internal sealed class TopicTree
    {
        internal TopicTree(NodeId root)
        {
            Root = root;
        }

        internal NodeId Root { get; private set; }

        internal long LastUsedMs { get; set; }

        internal List<NodeId> Eager { get; } = new List<NodeId>();

        internal List<NodeId> Lazy { get; } = new List<NodeId>();

        /// <summary>Turns an evicted tree into an empty one for <paramref name="root"/>: a tree per publisher and node would otherwise make every new root garbage.</summary>
        internal void Reset(NodeId root)
        {
            Root = root;
            Eager.Clear();
            Lazy.Clear();
        }

        internal void MakeEager(NodeId peer)
        {
            Lazy.RemoveId(peer);
            if (!Eager.ContainsId(peer))
            {
                Eager.Add(peer);
            }
        }

        internal void MakeLazy(NodeId peer)
        {
            Eager.RemoveId(peer);
            if (!Lazy.ContainsId(peer))
            {
                Lazy.Add(peer);
            }
        }

        internal void Remove(NodeId peer)
        {
            Eager.RemoveId(peer);
            Lazy.RemoveId(peer);
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Internal
{
    /// <summary>
    /// Membership tests on <c>List&lt;NodeId&gt;</c> by value. <see cref="NodeId"/> lives in the portable
    /// core and cannot implement <c>IEquatable&lt;T&gt;</c>, so the list's own Contains/Remove would box
    /// every element they compare.
    /// </summary>
    internal static class NodeIdLists
    {
        internal static int IndexOfId(this List<NodeId> list, NodeId id)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i].Value == id.Value)
                {
                    return i;
                }
            }

            return -1;
        }

        internal static bool ContainsId(this List<NodeId> list, NodeId id)
        {
            return list.IndexOfId(id) >= 0;
        }

        internal static bool RemoveId(this List<NodeId> list, NodeId id)
        {
            int i = list.IndexOfId(id);
            if (i < 0)
            {
                return false;
            }

            list.RemoveAt(i);
            return true;
        }
    }
}

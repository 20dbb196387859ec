using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Routing
{
    /// <summary>
    /// Per-node inbox topics: <c>edgemesh/dm/inbox/</c> followed by the node's 16-hex-digit id.
    /// Every node subscribes to its own; a sender without a route publishes there.
    /// </summary>
    public static class DmInboxTopic
    {
        /// <summary>Prefix of every inbox topic name.</summary>
        public const string Prefix = "edgemesh/dm/inbox/";

        /// <summary>The topic name of <paramref name="node"/>'s inbox.</summary>
        public static string NameFor(NodeId node)
        {
            return Prefix + node.ToString();
        }

        /// <summary>The topic id (FNV-1a of the name, docs/wire-format.md §2.8) of <paramref name="node"/>'s inbox.</summary>
        public static ulong IdFor(NodeId node)
        {
            return TopicId.FromName(NameFor(node));
        }
    }
}

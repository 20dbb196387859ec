using EdgeMesh.Gossip;
using EdgeMesh.Gossip.Membership;

namespace EdgeMesh.Simulation
{
    /// <summary>Whole-network checks on the running nodes' views (used by scenarios and tests).</summary>
    public static class OverlayChecks
    {
        /// <summary>True when no running node holds a crashed node in its active or passive view.</summary>
        public static bool ViewsExcludeDown(NetworkSimulator sim)
        {
            return CountDownInViews(sim) == 0;
        }

        /// <summary>How many (running node, crashed node) pairs appear in views.</summary>
        public static int CountDownInViews(NetworkSimulator sim)
        {
            int stale = 0;
            for (int i = 0; i < sim.NodeCount; i++)
            {
                GossipNode? node = sim.Node(i);
                if (node != null)
                {
                    stale += CountDown(sim, node.ActiveView) + CountDown(sim, node.PassiveView);
                }
            }

            return stale;
        }

        /// <summary>Connected components of the running nodes, linked by active-view entries (either direction).</summary>
        public static int Components(NetworkSimulator sim)
        {
            int n = sim.NodeCount;
            int[] parent = new int[n];
            for (int i = 0; i < n; i++)
            {
                parent[i] = i;
            }

            int components = 0;
            for (int i = 0; i < n; i++)
            {
                GossipNode? node = sim.Node(i);
                if (node == null)
                {
                    continue;
                }

                components++;
                PeerView active = node.ActiveView;
                for (int j = 0; j < active.Count; j++)
                {
                    int peer = sim.IndexOf(active[j]);
                    if (peer >= 0 && sim.IsUp(peer))
                    {
                        int a = Find(parent, i);
                        int b = Find(parent, peer);
                        if (a != b)
                        {
                            parent[a] = b;
                            components--;
                        }
                    }
                }
            }

            return components;
        }

        /// <summary>Active-view entries (between running nodes) that the other side does not hold.</summary>
        public static int AsymmetricLinks(NetworkSimulator sim)
        {
            int asymmetric = 0;
            for (int i = 0; i < sim.NodeCount; i++)
            {
                GossipNode? node = sim.Node(i);
                if (node == null)
                {
                    continue;
                }

                PeerView active = node.ActiveView;
                for (int j = 0; j < active.Count; j++)
                {
                    int peer = sim.IndexOf(active[j]);
                    GossipNode? other = peer >= 0 ? sim.Node(peer) : null;
                    if (other != null && !other.ActiveView.Contains(node.Self))
                    {
                        asymmetric++;
                    }
                }
            }

            return asymmetric;
        }

        private static int CountDown(NetworkSimulator sim, PeerView view)
        {
            int stale = 0;
            for (int j = 0; j < view.Count; j++)
            {
                int peer = sim.IndexOf(view[j]);
                if (peer >= 0 && !sim.IsUp(peer))
                {
                    stale++;
                }
            }

            return stale;
        }

        private static int Find(int[] parent, int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }
    }
}

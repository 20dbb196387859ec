using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>The passive-view half of <see cref="HyParView"/>: periodic SHUFFLE random walks and their integration.</summary>
    internal sealed partial class HyParView
    {
        internal void OnShuffle(NodeId from, ControlMessage m)
        {
            NodeId origin = m.Subject;
            if (origin == node.Self)
            {
                return;
            }

            int ttl = m.Ttl - 1;
            if (ttl > 0 && active.Count > 1)
            {
                int next = active.RandomIndex(node.Random, from, origin);
                if (next >= 0)
                {
                    ControlMessage forward = node.Compose(ControlType.Shuffle);
                    forward.Subject = origin;
                    forward.Ttl = (byte)ttl;
                    CopyNodes(m, forward);
                    node.Send(active[next], forward, Priority.Control);
                    return;
                }
            }

            ControlMessage reply = node.Compose(ControlType.ShuffleReply);
            SamplePassive(reply, m.NodeCount);
            scratch.Clear();
            for (int i = 0; i < reply.NodeCount; i++)
            {
                scratch.Add(reply.Nodes[i]);
            }

            node.Send(origin, reply, Priority.Control);
            Integrate(m, scratch);
        }

        internal void OnShuffleReply(ControlMessage m)
        {
            Integrate(m, lastShuffle);
        }

        internal void OnShuffleTimer()
        {
            node.Timers.Schedule(node.Now + options.ShuffleIntervalMs, TimerKind.Shuffle, 0, 0);
            int target = active.RandomIndex(node.Random, default(NodeId), default(NodeId));
            if (target < 0)
            {
                return;
            }

            ControlMessage m = node.Compose(ControlType.Shuffle);
            m.Subject = node.Self;
            m.Ttl = (byte)options.ActiveRandomWalkLength;
            m.Nodes[m.NodeCount++] = node.Self;
            AppendRandom(m, active, options.ShuffleActiveCount, active[target]);
            AppendRandom(m, passive, options.ShufflePassiveCount, default(NodeId));
            lastShuffle.Clear();
            for (int i = 1; i < m.NodeCount; i++)
            {
                lastShuffle.Add(m.Nodes[i]);
            }

            node.Send(active[target], m, Priority.Control);
        }

        /// <summary>Adds shuffled-in nodes to the passive view, evicting <paramref name="preferred"/> ones first.</summary>
        private void Integrate(ControlMessage m, List<NodeId> preferred)
        {
            for (int i = 0; i < m.NodeCount; i++)
            {
                NodeId id = m.Nodes[i];
                if (id == node.Self || active.Contains(id) || passive.Contains(id) || node.Swim.IsExcluded(id))
                {
                    continue;
                }

                if (passive.IsFull)
                {
                    int victim = -1;
                    while (victim < 0 && preferred.Count > 0)
                    {
                        victim = passive.IndexOf(preferred[preferred.Count - 1]);
                        preferred.RemoveAt(preferred.Count - 1);
                    }

                    passive.RemoveAt(victim >= 0 ? victim : passive.RandomIndex(node.Random, default(NodeId), default(NodeId)));
                    node.Counters.PassiveEvictions++;
                }

                passive.Add(id, 0);
            }
        }

        private void SamplePassive(ControlMessage into, int wanted)
        {
            AppendRandom(into, passive, wanted, default(NodeId));
        }

        /// <summary>Appends up to <paramref name="wanted"/> distinct random members of <paramref name="view"/> not yet in the list.</summary>
        private void AppendRandom(ControlMessage m, PeerView view, int wanted, NodeId exclude)
        {
            int start = m.NodeCount;
            int tries = 0;
            while (m.NodeCount - start < wanted && m.NodeCount < ControlMessage.MaxNodes && tries < view.Count * 3)
            {
                tries++;
                NodeId candidate = view[node.Random.Next(view.Count)];
                if (candidate == exclude || Contains(m, candidate))
                {
                    continue;
                }

                m.Nodes[m.NodeCount++] = candidate;
            }
        }

        private static bool Contains(ControlMessage m, NodeId id)
        {
            for (int i = 0; i < m.NodeCount; i++)
            {
                if (m.Nodes[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        private static void CopyNodes(ControlMessage from, ControlMessage to)
        {
            for (int i = 0; i < from.NodeCount; i++)
            {
                to.Nodes[i] = from.Nodes[i];
            }

            to.NodeCount = from.NodeCount;
        }
    }
}

using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// The rotation half of <see cref="SwimDetector"/>: which neighbour, suspect or passive member is
    /// probed next, passive-view probes (dead entries, split overlays) and reconnect probes.
    /// </summary>
    internal sealed partial class SwimDetector
    {
        /// <summary>Probes the next passive member; one that stayed silent twice in a row becomes a suspect.</summary>
        internal void OnPassiveProbeTimer()
        {
            node.Timers.Schedule(node.Now + options.PassiveProbeIntervalMs, TimerKind.PassiveProbe, 0, 0);
            NodeId target;
            if (!passiveAcked && views.Passive.Contains(passiveTarget))
            {
                // A lost frame looks like a death: ask twice (the second time also through neighbours) before suspecting.
                if (passiveMissed)
                {
                    passiveMissed = false;
                    StartSuspicion(passiveTarget);
                    target = NextPassiveTarget();
                }
                else
                {
                    passiveMissed = true;
                    target = passiveTarget;
                }
            }
            else
            {
                passiveMissed = false;
                target = NextPassiveTarget();
            }

            passiveAcked = true;
            if (target.IsEmpty)
            {
                return;
            }

            passiveTarget = target;
            passiveSequence = ++sequence;
            passiveAcked = false;
            SendPing(passiveTarget, passiveSequence, false);
            if (passiveMissed)
            {
                // Second try: ask the neighbours too. One that knows the member is dead answers with
                // the notice, one that reaches it relays the ACK.
                AskAbout(passiveTarget, passiveSequence);
            }
        }

        internal void OnReconnectTimer()
        {
            node.Timers.Schedule(node.Now + options.ReconnectIntervalMs, TimerKind.Reconnect, 0, 0);
            NodeId target = tombstones.ExpireAndPick(node.Now, node.Random);
            if (!target.IsEmpty)
            {
                SendPing(target, ++sequence, false);
            }
        }

        /// <summary>Every passive member once per round, in a fresh random order (suspects are probed anyway).</summary>
        private NodeId NextPassiveTarget()
        {
            return NextInRotation(passiveOrder, ref passiveIndex, true);
        }

        /// <summary>Every neighbour and suspect once per round, in a fresh random order.</summary>
        private NodeId NextTarget()
        {
            return NextInRotation(order, ref orderIndex, false);
        }

        private NodeId NextInRotation(List<NodeId> rotation, ref int index, bool passive)
        {
            for (int rebuilds = 0; rebuilds < 2; rebuilds++)
            {
                while (index < rotation.Count)
                {
                    NodeId candidate = rotation[index++];
                    bool eligible = passive
                        ? views.Passive.Contains(candidate) && !suspects.ContainsKey(candidate.Value)
                        : views.Active.Contains(candidate) || suspects.ContainsKey(candidate.Value);
                    if (eligible)
                    {
                        return candidate;
                    }
                }

                rotation.Clear();
                index = 0;
                PeerView view = passive ? views.Passive : views.Active;
                for (int i = 0; i < view.Count; i++)
                {
                    rotation.Add(view[i]);
                }

                if (!passive)
                {
                    foreach (ulong id in suspects.Keys)
                    {
                        rotation.Add(new NodeId(id));
                    }
                }

                for (int i = rotation.Count - 1; i > 0; i--)
                {
                    int j = node.Random.Next(i + 1);
                    (rotation[i], rotation[j]) = (rotation[j], rotation[i]);
                }
            }

            return default(NodeId);
        }
    }
}

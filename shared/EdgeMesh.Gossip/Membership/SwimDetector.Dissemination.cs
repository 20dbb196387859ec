using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// The dissemination half of <see cref="SwimDetector"/>: death announcements are flooded over
    /// the active views (each node relays a given update once) and also piggybacked on probes;
    /// a node that hears it is suspected or dead raises its incarnation and answers ALIVE.
    /// </summary>
    internal sealed partial class SwimDetector
    {
        internal void OnSuspect(NodeId from, ControlMessage m)
        {
            if (m.Subject == node.Self)
            {
                Refute(m.SubjectIncarnation, from, false);
            }
        }

        internal void OnDead(NodeId from, ControlMessage m)
        {
            HandleDead(from, m.Subject, m.SubjectIncarnation, (m.Flags & ControlFlags.Flood) != 0);
        }

        internal void OnAlive(NodeId from, ControlMessage m, Evidence senderEvidence)
        {
            HandleAlive(from, m.Subject, m.SubjectIncarnation, (m.Flags & ControlFlags.Flood) != 0, senderEvidence == Evidence.Resurrected);
        }

        private void ApplyUpdates(NodeId from, ControlMessage m)
        {
            for (int i = 0; i < m.UpdateCount; i++)
            {
                MemberUpdate u = m.Updates[i];
                if (u.State == MemberState.Dead)
                {
                    HandleDead(from, u.Subject, u.Incarnation, false);
                }
                else
                {
                    HandleAlive(from, u.Subject, u.Incarnation, false, false);
                }
            }
        }

        private void HandleDead(NodeId from, NodeId subject, uint incarnation, bool flood)
        {
            if (subject == node.Self)
            {
                Refute(incarnation, from, true);
                return;
            }

            if (flood && !MarkFlooded(subject, incarnation, MemberState.Dead))
            {
                return;
            }

            uint known = views.IncarnationOf(subject);
            if (known > incarnation)
            {
                // We heard from it at a newer incarnation, so the announcement is stale, yet someone
                // failed to reach it. If we have not heard from it for a whole suspicion timeout
                // either (typically a passive member), accept and announce the death at the
                // incarnation we know, which every node accepts. Otherwise check at once and, the
                // report counting as one confirmation, suspect it for half the usual time.
                if (!views.HeardSince(subject, node.Now - suspicionTimeoutMs))
                {
                    suspects.Remove(subject.Value);
                    MarkFlooded(subject, known, MemberState.Dead);
                    ApplyDead(subject, known);
                    Flood(MemberState.Dead, subject, known, default(NodeId));
                    return;
                }

                StartSuspicion(subject, suspicionTimeoutMs / 2);
                SendPing(subject, ++sequence, false);
                return;
            }

            if (!tombstones.TryGet(subject, out uint deadAt) || deadAt < incarnation)
            {
                suspects.Remove(subject.Value);
                ApplyDead(subject, incarnation);
            }

            if (flood)
            {
                Flood(MemberState.Dead, subject, incarnation, from);
            }
        }

        private void HandleAlive(NodeId from, NodeId subject, uint incarnation, bool flood, bool senderResurrected)
        {
            if (subject == node.Self)
            {
                return;
            }

            bool first = !flood || MarkFlooded(subject, incarnation, MemberState.Alive);
            bool wasDead = false;
            if (tombstones.TryGet(subject, out uint deadAt) && incarnation > deadAt)
            {
                tombstones.Remove(subject);
                node.Counters.Resurrections++;
                wasDead = true;
            }

            bool wasSuspect = false;
            if (suspects.TryGetValue(subject.Value, out Suspicion s) && incarnation > s.Incarnation)
            {
                suspects.Remove(subject.Value);
                node.Counters.SuspicionsCleared++;
                wasSuspect = true;
            }

            views.ObserveIncarnation(subject, incarnation);
            if (from == subject && (wasDead || senderResurrected))
            {
                // A node we had declared dead refuted to us directly: link to it again. This is how
                // the two sides of a healed partition reconnect.
                views.Invite(subject);
            }
            else if (wasDead || wasSuspect)
            {
                views.AddPassive(subject, incarnation);
            }

            if ((first && flood) || wasDead || wasSuspect)
            {
                QueueUpdate(new MemberUpdate(MemberState.Alive, subject, incarnation));
            }

            if (first && flood)
            {
                Flood(MemberState.Alive, subject, incarnation, from);
            }
        }

        private void ApplyDead(NodeId subject, uint incarnation)
        {
            node.Counters.DeathsLearnt++;
            if (tombstones.Add(subject, incarnation, node.Now))
            {
                node.Counters.TombstoneEvictions++;
            }

            views.Forget(subject);
            node.OnMemberDead(subject);
            QueueUpdate(new MemberUpdate(MemberState.Dead, subject, incarnation));
        }

        /// <summary>Answers a suspicion or death notice about this node with a higher incarnation.</summary>
        private void Refute(uint incarnation, NodeId notifier, bool flood)
        {
            bool raised = false;
            if (node.Incarnation <= incarnation)
            {
                node.Incarnation = incarnation + 1;
                node.Counters.Refutations++;
                raised = true;
            }

            uint now = node.Incarnation;
            SendMemberMessage(notifier, ControlType.Alive, node.Self, now, flood ? ControlFlags.Flood : (byte)0);
            if (raised)
            {
                QueueUpdate(new MemberUpdate(MemberState.Alive, node.Self, now));
                if (flood && MarkFlooded(node.Self, now, MemberState.Alive))
                {
                    Flood(MemberState.Alive, node.Self, now, notifier);
                }
            }
        }

        private void Flood(MemberState state, NodeId subject, uint incarnation, NodeId except)
        {
            ControlType type = state == MemberState.Dead ? ControlType.Dead : ControlType.Alive;
            PeerView active = views.Active;
            for (int i = 0; i < active.Count; i++)
            {
                NodeId peer = active[i];
                if (peer != except && peer != subject)
                {
                    SendMemberMessage(peer, type, subject, incarnation, ControlFlags.Flood);
                }
            }
        }

        private void SendMemberMessage(NodeId to, ControlType type, NodeId subject, uint incarnation, byte flags)
        {
            ControlMessage m = node.Compose(type);
            m.Subject = subject;
            m.SubjectIncarnation = incarnation;
            m.Flags = flags;
            node.Send(to, m, Priority.Control);
        }

        private bool MarkFlooded(NodeId subject, uint incarnation, MemberState state)
        {
            bool added = flooded.Add(new UpdateKey(subject.Value, incarnation, state), out bool evicted);
            if (evicted)
            {
                node.Counters.FloodDedupEvictions++;
            }

            return added;
        }

        private void QueueUpdate(MemberUpdate update)
        {
            if (updates.Enqueue(update))
            {
                node.Counters.UpdateQueueEvictions++;
            }
        }

        private readonly record struct UpdateKey(ulong Subject, uint Incarnation, MemberState State);
    }
}

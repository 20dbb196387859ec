using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>The repair half of <see cref="HyParView"/>: refilling the active view from the passive one, join retries and rejoins.</summary>
    internal sealed partial class HyParView
    {
        internal void OnRepairTimer()
        {
            repairScheduled = false;
            triedThisRound.Clear();
            bool starved = !active.IsFull && passive.Count == 0;
            if ((!joined || starved) && !contact.IsEmpty && node.Now >= nextJoinRetry)
            {
                // Until a JOINACCEPT arrives the node may sit in an island (later joiners may have
                // joined through it), so it keeps asking its contact; a former neighbour replaces the
                // contact only when the contact is known to be dead or suspected, since joining through
                // a member of one's own island would end the retries but not the island. A node whose
                // passive view ran dry cannot replace lost neighbours: it joins again for fresh random
                // links, alternating between its contact and former neighbours (who were part of the
                // overlay when they were its neighbours).
                NodeId via = contact;
                bool fallback = everJoined ? joinAttempts % 2 == 1 : node.Swim.IsExcluded(contact);
                if (fallback && history.Count > 0)
                {
                    via = history[node.Random.Next(history.Count)];
                }

                joinAttempts++;
                SendJoin(via);
            }

            ScheduleRepair();

            if (pendingNeighbor.IsEmpty)
            {
                TryPromote();
            }
        }

        internal bool IsNeighborTimeoutLive(NodeId peer, ulong request)
        {
            return pendingNeighbor == peer && neighborRequest == request;
        }

        internal void OnNeighborTimeout(NodeId peer, ulong request)
        {
            if (!IsNeighborTimeoutLive(peer, request))
            {
                return;
            }

            // No answer: try another passive member. Under frame loss most timeouts are not deaths,
            // so the silent one is not suspected, but the neighbours are asked about it: if it was
            // declared dead while this node missed the announcement, one of them says so at once.
            node.Counters.NeighborTimeouts++;
            pendingNeighbor = default(NodeId);
            node.Swim.OnNeighborSilent(peer);
            TryPromote();
        }

        /// <summary>Keeps the periodic repair running while the active view has room or the join is unconfirmed (and stops it otherwise: no idle wake-ups).</summary>
        private void ScheduleRepair()
        {
            if (!repairScheduled && (!active.IsFull || (!joined && !contact.IsEmpty)))
            {
                repairScheduled = true;
                node.Timers.Schedule(node.Now + options.RepairIntervalMs, TimerKind.Repair, 0, 0);
            }
        }

        private void TryPromote()
        {
            if (active.IsFull || !pendingNeighbor.IsEmpty)
            {
                return;
            }

            int eligible = 0;
            for (int i = 0; i < passive.Count; i++)
            {
                if (Eligible(passive[i]))
                {
                    eligible++;
                }
            }

            if (eligible == 0)
            {
                return;
            }

            int pick = node.Random.Next(eligible);
            NodeId candidate = default(NodeId);
            for (int i = 0; i < passive.Count; i++)
            {
                if (Eligible(passive[i]) && pick-- == 0)
                {
                    candidate = passive[i];
                    break;
                }
            }

            triedThisRound.Add(candidate);
            pendingNeighbor = candidate;
            neighborRequest++;
            ControlMessage m = node.Compose(ControlType.Neighbor);
            m.Flags = active.Count == 0 ? ControlFlags.HighPriority : (byte)0;
            node.Send(candidate, m, Priority.Control);
            node.Timers.Schedule(node.Now + options.NeighborTimeoutMs, TimerKind.NeighborTimeout, candidate.Value, neighborRequest);
        }

        /// <summary>Keeps the last few distinct neighbours as fallback contacts for a rejoin.</summary>
        private void Remember(NodeId peer)
        {
            if (history.ContainsId(peer))
            {
                return;
            }

            if (history.Count == HistoryCapacity)
            {
                history.RemoveAt(0);
            }

            history.Add(peer);
        }

        private bool Eligible(NodeId candidate)
        {
            return !triedThisRound.ContainsId(candidate) && !node.Swim.IsSuspected(candidate);
        }
    }
}

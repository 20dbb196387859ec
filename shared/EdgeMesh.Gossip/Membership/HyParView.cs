using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// HyParView (Leitão, Pereira, Rodrigues, DSN 2007): a small symmetric active view used for
    /// broadcast and a larger passive view of backups, kept fresh by random walks (JOIN,
    /// FORWARDJOIN, SHUFFLE). Over datagrams there is no connection to open, so a node that adds a
    /// peer to its active view tells it (JOINACCEPT, NEIGHBOR), and SWIM probes replace TCP
    /// failure detection. Sans-IO: driven by <see cref="GossipNode"/>.
    /// </summary>
    internal sealed partial class HyParView
    {
        private const int MaxInvitations = 8;
        private const int HistoryCapacity = 16;
        private readonly GossipNode node;
        private readonly GossipOptions options;
        private readonly PeerView active;
        private readonly PeerView passive;
        private readonly List<NodeId> lastShuffle = new List<NodeId>();
        private readonly List<NodeId> triedThisRound = new List<NodeId>();
        private readonly List<NodeId> invitations = new List<NodeId>();
        private readonly List<NodeId> scratch = new List<NodeId>();
        private readonly List<NodeId> history = new List<NodeId>();
        private NodeId pendingNeighbor;
        private ulong neighborRequest;
        private NodeId contact;
        private long nextJoinRetry;
        private bool repairScheduled;
        private bool joined;
        private bool everJoined;
        private int joinAttempts;

        internal HyParView(GossipNode node)
        {
            this.node = node;
            options = node.Options;
            active = new PeerView(options.ActiveViewSize);
            passive = new PeerView(options.PassiveViewSize);
        }

        internal PeerView Active
        {
            get { return active; }
        }

        internal PeerView Passive
        {
            get { return passive; }
        }

        internal void Start(long now)
        {
            node.Timers.Schedule(now + 1 + node.Random.Next((int)options.ShuffleIntervalMs), TimerKind.Shuffle, 0, 0);
            repairScheduled = true;
            node.Timers.Schedule(now + 1 + node.Random.Next((int)options.RepairIntervalMs), TimerKind.Repair, 0, 0);
        }

        internal void Join(NodeId contactNode)
        {
            if (contactNode.IsEmpty || contactNode == node.Self)
            {
                return;
            }

            joined = false;
            contact = contactNode;
            ScheduleRepair();
            SendJoin(contact);
        }

        private void SendJoin(NodeId via)
        {
            nextJoinRetry = node.Now + options.JoinRetryIntervalMs;
            node.Send(via, node.Compose(ControlType.Join), Priority.Control);
        }

        internal void OnJoin(NodeId from, uint incarnation)
        {
            if (!AddActive(from, incarnation) && !active.Contains(from))
            {
                return;
            }

            // A repeated JOIN (its JOINACCEPT was lost, or the joiner ran out of passive members)
            // is answered and walked again: the walks are what bring the joiner new links.
            node.Send(from, node.Compose(ControlType.JoinAccept), Priority.Control);
            for (int i = 0; i < active.Count; i++)
            {
                if (active[i] != from)
                {
                    SendForwardJoin(active[i], from, incarnation, options.ActiveRandomWalkLength);
                }
            }

            if (!joined && !contact.IsEmpty)
            {
                // Our own join is unconfirmed, so we may be an island: also walk the joiner from our
                // contact, so that it links into the main overlay and bridges the island.
                SendForwardJoin(contact, from, incarnation, options.ActiveRandomWalkLength);
            }
        }

        internal void OnForwardJoin(NodeId from, ControlMessage m)
        {
            NodeId subject = m.Subject;
            if (subject == node.Self || !node.Swim.ObserveIndirect(subject, m.SubjectIncarnation))
            {
                return;
            }

            if (m.Ttl == 0 || active.Count <= 1)
            {
                if (AddActive(subject, m.SubjectIncarnation))
                {
                    node.Send(subject, node.Compose(ControlType.JoinAccept), Priority.Control);
                }

                return;
            }

            if (m.Ttl == options.PassiveRandomWalkLength)
            {
                AddPassive(subject, m.SubjectIncarnation);
            }

            int next = active.RandomIndex(node.Random, from, subject);
            if (next < 0)
            {
                if (AddActive(subject, m.SubjectIncarnation))
                {
                    node.Send(subject, node.Compose(ControlType.JoinAccept), Priority.Control);
                }

                return;
            }

            SendForwardJoin(active[next], subject, m.SubjectIncarnation, m.Ttl - 1);
        }

        internal void OnJoinAccept(NodeId from, uint incarnation)
        {
            joined = true;
            everJoined = true;
            joinAttempts = 0;
            AddActive(from, incarnation);
        }

        internal void OnNeighbor(NodeId from, uint incarnation, bool highPriority)
        {
            bool accepted = active.Contains(from)
                || ((highPriority || !active.IsFull) && AddActive(from, incarnation));
            ControlMessage reply = node.Compose(ControlType.NeighborReply);
            reply.Flags = accepted ? ControlFlags.Accepted : (byte)0;
            node.Send(from, reply, Priority.Control);
        }

        internal void OnNeighborReply(NodeId from, uint incarnation, bool accepted)
        {
            bool wasPending = pendingNeighbor == from;
            bool wasInvited = invitations.RemoveId(from);
            if (!wasPending && !wasInvited)
            {
                return; // unsolicited: never let a reply force a link
            }

            if (wasPending)
            {
                pendingNeighbor = default(NodeId);
            }

            if (accepted)
            {
                AddActive(from, incarnation);
            }
            else if (wasPending)
            {
                TryPromote();
            }
        }

        internal void OnDisconnect(NodeId from)
        {
            RemoveActive(from, true);
        }

        /// <summary>Asks a peer that proved alive after being declared dead to become a neighbour again (heals partitions).</summary>
        internal void Invite(NodeId peer)
        {
            if (active.Contains(peer) || peer == node.Self)
            {
                return;
            }

            if (invitations.Count == MaxInvitations)
            {
                invitations.RemoveAt(0);
            }

            invitations.Add(peer);
            ControlMessage m = node.Compose(ControlType.Neighbor);
            m.Flags = ControlFlags.HighPriority;
            node.Send(peer, m, Priority.Control);
        }

        /// <summary>A PING says the pinger holds us as a neighbour: take it too when there is room (keeps views symmetric).</summary>
        internal bool AcceptLinkIfRoom(NodeId peer, uint incarnation)
        {
            return active.Contains(peer) || (!active.IsFull && AddActive(peer, incarnation));
        }

        internal bool AddActive(NodeId peer, uint incarnation)
        {
            if (peer == node.Self || peer.IsEmpty || active.Contains(peer) || node.Swim.IsExcluded(peer))
            {
                return false;
            }

            if (active.IsFull)
            {
                int victim = active.RandomIndex(node.Random, peer, default(NodeId));
                NodeId dropped = active[victim];
                node.Send(dropped, node.Compose(ControlType.Disconnect), Priority.Control);
                RemoveActive(dropped, true);
            }

            passive.Remove(peer);
            active.Add(peer, incarnation);
            Remember(peer);
            if (pendingNeighbor == peer)
            {
                pendingNeighbor = default(NodeId);
            }

            node.Counters.NeighborsUp++;
            node.OnNeighborUp(peer);
            return true;
        }

        internal void RemoveActive(NodeId peer, bool toPassive)
        {
            int i = active.IndexOf(peer);
            if (i < 0)
            {
                return;
            }

            uint incarnation = active.IncarnationAt(i);
            long heard = active.HeardAt(i);
            active.RemoveAt(i);
            if (active.Count == 0 && passive.Count == 0)
            {
                joined = false;
            }

            ScheduleRepair();
            node.Counters.NeighborsDown++;
            node.OnNeighborDown(peer);
            if (toPassive)
            {
                AddPassive(peer, incarnation);
                int p = passive.IndexOf(peer);
                if (p >= 0)
                {
                    passive.SetHeard(p, heard);
                }
            }
        }

        internal void AddPassive(NodeId peer, uint incarnation)
        {
            if (peer == node.Self || peer.IsEmpty || active.Contains(peer) || passive.Contains(peer) || node.Swim.IsExcluded(peer))
            {
                return;
            }

            if (passive.IsFull)
            {
                passive.RemoveAt(passive.RandomIndex(node.Random, default(NodeId), default(NodeId)));
                node.Counters.PassiveEvictions++;
            }

            passive.Add(peer, incarnation);
        }

        /// <summary>Removes a peer from both views (dead or suspected).</summary>
        internal void Forget(NodeId peer)
        {
            RemoveActive(peer, false);
            passive.Remove(peer);
            if (pendingNeighbor == peer)
            {
                pendingNeighbor = default(NodeId);
            }
        }

        /// <summary>Last incarnation heard from a view member, or 0.</summary>
        internal uint IncarnationOf(NodeId peer)
        {
            int i = active.IndexOf(peer);
            if (i >= 0)
            {
                return active.IncarnationAt(i);
            }

            i = passive.IndexOf(peer);
            return i >= 0 ? passive.IncarnationAt(i) : 0;
        }

        /// <summary>A message from <paramref name="peer"/> arrived: remember its incarnation and when.</summary>
        internal void ObserveIncarnation(NodeId peer, uint incarnation)
        {
            PeerView view = active;
            int i = active.IndexOf(peer);
            if (i < 0)
            {
                view = passive;
                i = passive.IndexOf(peer);
            }

            if (i < 0)
            {
                return;
            }

            view.SetHeard(i, node.Now);
            if (incarnation > view.IncarnationAt(i))
            {
                view.SetIncarnation(i, incarnation);
            }
        }

        /// <summary>True when a message from the view member <paramref name="peer"/> arrived at or after <paramref name="sinceMs"/>.</summary>
        internal bool HeardSince(NodeId peer, long sinceMs)
        {
            int i = active.IndexOf(peer);
            if (i >= 0)
            {
                return active.HeardAt(i) >= sinceMs;
            }

            i = passive.IndexOf(peer);
            return i >= 0 && passive.HeardAt(i) >= sinceMs;
        }

        private void SendForwardJoin(NodeId to, NodeId subject, uint incarnation, int ttl)
        {
            ControlMessage m = node.Compose(ControlType.ForwardJoin);
            m.Subject = subject;
            m.SubjectIncarnation = incarnation;
            m.Ttl = (byte)ttl;
            node.Send(to, m, Priority.Control);
        }

    }
}

using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Membership
{
    /// <summary>
    /// SWIM-style failure detection over the HyParView active view (and current suspects): one
    /// probe per period, PING-REQ through k other neighbours after a missed ACK, suspicion with a
    /// timeout of <see cref="GossipOptions.SuspicionTimeoutMs"/>, refutation by incarnation, and
    /// death announcements flooded over the active views (see the Dissemination part).
    /// </summary>
    internal sealed partial class SwimDetector
    {
        private readonly GossipNode node;
        private readonly GossipOptions options;
        private readonly HyParView views;
        private readonly Dictionary<ulong, Suspicion> suspects = new Dictionary<ulong, Suspicion>();
        private readonly Tombstones tombstones;
        private readonly UpdateQueue updates;
        private readonly BoundedSet<UpdateKey> flooded;
        private readonly RelayedProbe[] relays;
        private readonly List<NodeId> order = new List<NodeId>();
        private readonly List<NodeId> passiveOrder = new List<NodeId>();
        private int passiveIndex;
        private readonly long suspicionTimeoutMs;
        private readonly int retransmitLimit;
        private int orderIndex;
        private int relayNext;
        private uint sequence;
        private bool probing;
        private bool probeAcked;
        private bool probeActiveLink;
        private uint probeSequence;
        private NodeId probeTarget;
        private NodeId passiveTarget;
        private uint passiveSequence;
        private bool passiveAcked = true;
        private bool passiveMissed;

        internal SwimDetector(GossipNode node, HyParView views)
        {
            this.node = node;
            this.views = views;
            options = node.Options;
            tombstones = new Tombstones(options.TombstoneCapacity, options.TombstoneTtlMs);
            updates = new UpdateQueue(options.UpdateQueueCapacity);
            flooded = new BoundedSet<UpdateKey>(options.FloodDedupCapacity);
            relays = new RelayedProbe[options.RelayedProbeCapacity];
            suspicionTimeoutMs = options.SuspicionTimeoutMs;
            retransmitLimit = options.RetransmitLimit;
        }

        /// <summary>Result of looking at the sender of a received message.</summary>
        internal enum Evidence
        {
            /// <summary>Nothing special.</summary>
            Alive,

            /// <summary>The sender was tombstoned and has now shown a newer incarnation.</summary>
            Resurrected,

            /// <summary>The sender is tombstoned at an incarnation at least as new as the one it sent.</summary>
            StillDead,
        }

        internal int SuspectCount
        {
            get { return suspects.Count; }
        }

        internal int TombstoneCount
        {
            get { return tombstones.Count; }
        }

        internal void Start(long now)
        {
            node.Timers.Schedule(now + 1 + node.Random.Next((int)options.ProbeIntervalMs), TimerKind.Probe, 0, 0);
            node.Timers.Schedule(now + 1 + node.Random.Next((int)options.ReconnectIntervalMs), TimerKind.Reconnect, 0, 0);
            node.Timers.Schedule(now + 1 + node.Random.Next((int)options.PassiveProbeIntervalMs), TimerKind.PassiveProbe, 0, 0);
        }

        internal bool IsSuspected(NodeId id)
        {
            return suspects.ContainsKey(id.Value);
        }

        internal bool IsTombstoned(NodeId id)
        {
            return tombstones.TryGet(id, out _);
        }

        /// <summary>True for nodes that may not enter the views now (suspected or dead); a direct message clears a suspicion first.</summary>
        internal bool IsExcluded(NodeId id)
        {
            return suspects.ContainsKey(id.Value) || tombstones.TryGet(id, out _);
        }

        /// <summary>
        /// Every received message is evidence that its sender is alive at the incarnation it states:
        /// clears a suspicion, lifts an older tombstone, or, when the sender is tombstoned at that
        /// incarnation, tells it so that it can refute.
        /// </summary>
        internal Evidence Observe(NodeId from, uint incarnation)
        {
            // Tombstones and suspects are usually empty: their counts answer without a hash probe
            // on every frame.
            var result = Evidence.Alive;
            if (tombstones.Count > 0 && tombstones.TryGet(from, out uint deadAt))
            {
                if (incarnation <= deadAt)
                {
                    if (tombstones.TryNotice(from, node.Now, options.DeadNoticeIntervalMs))
                    {
                        SendMemberMessage(from, ControlType.Dead, from, deadAt, 0);
                    }

                    return Evidence.StillDead;
                }

                tombstones.Remove(from);
                node.Counters.Resurrections++;
                result = Evidence.Resurrected;
            }

            if (suspects.Count > 0 && suspects.Remove(from.Value))
            {
                node.Counters.SuspicionsCleared++;
                views.AddPassive(from, incarnation);
            }

            views.ObserveIncarnation(from, incarnation);
            return result;
        }

        /// <summary>A node named by someone else (FORWARDJOIN subject): usable unless dead or suspected at that incarnation or newer.</summary>
        internal bool ObserveIndirect(NodeId subject, uint incarnation)
        {
            if (tombstones.TryGet(subject, out uint deadAt))
            {
                if (incarnation <= deadAt)
                {
                    return false;
                }

                tombstones.Remove(subject);
                node.Counters.Resurrections++;
            }

            if (suspects.TryGetValue(subject.Value, out Suspicion s))
            {
                if (incarnation <= s.Incarnation)
                {
                    return false;
                }

                suspects.Remove(subject.Value);
                node.Counters.SuspicionsCleared++;
            }

            return true;
        }

        internal void OnProbeTimer()
        {
            node.Timers.Schedule(node.Now + options.ProbeIntervalMs, TimerKind.Probe, 0, 0);
            if (probing && !probeAcked)
            {
                node.Counters.ProbesFailed++;
                StartSuspicion(probeTarget);
            }

            probing = false;
            NodeId target = NextTarget();
            if (target.IsEmpty)
            {
                return;
            }

            probing = true;
            probeAcked = false;
            probeTarget = target;
            probeSequence = ++sequence;
            probeActiveLink = views.Active.Contains(target);
            SendPing(target, probeSequence, probeActiveLink);
            if (suspects.TryGetValue(target.Value, out Suspicion suspicion))
            {
                // Repeat the notice: if the first one was lost the suspect cannot refute.
                SendMemberMessage(target, ControlType.Suspect, target, suspicion.Incarnation, 0);
            }
            node.Timers.Schedule(node.Now + options.ProbeTimeoutMs, TimerKind.ProbeTimeout, probeSequence, 0);
        }

        internal bool IsProbeTimeoutLive(uint seq)
        {
            return probing && !probeAcked && seq == probeSequence;
        }

        internal bool IsSuspicionLive(NodeId subject, long deadline)
        {
            return suspects.TryGetValue(subject.Value, out Suspicion s) && s.Deadline == deadline;
        }

        internal void OnProbeTimeout(uint seq)
        {
            if (!IsProbeTimeoutLive(seq))
            {
                return;
            }

            AskAbout(probeTarget, probeSequence);
        }

        /// <summary>
        /// Sends PING-REQ about <paramref name="subject"/> to up to <see cref="GossipOptions.IndirectProbes"/>
        /// active neighbours: each pings it and relays the ACK (under <paramref name="seq"/>), or, if it
        /// already holds a tombstone for it, answers with the death notice at once.
        /// </summary>
        internal void AskAbout(NodeId subject, uint seq)
        {
            PeerView active = views.Active;
            int asked = 0;
            int start = node.Random.Next(active.Count);
            for (int k = 0; k < active.Count && asked < options.IndirectProbes; k++)
            {
                NodeId helper = active[(start + k) % active.Count];
                if (helper == subject)
                {
                    continue;
                }

                ControlMessage m = node.Compose(ControlType.PingReq);
                m.ProbeSequence = seq;
                m.Subject = subject;
                node.Send(helper, m, Priority.Control);
                asked++;
            }
        }

        /// <summary>Asks the neighbours about a passive member that left a NEIGHBOR request unanswered (a fresh sequence: only a death notice matters).</summary>
        internal void OnNeighborSilent(NodeId peer)
        {
            AskAbout(peer, ++sequence);
        }

        internal void OnSuspicionTimer(NodeId subject, long deadline)
        {
            if (!IsSuspicionLive(subject, deadline))
            {
                return;
            }

            Suspicion s = suspects[subject.Value];
            suspects.Remove(subject.Value);
            node.Counters.DeathsDeclared++;
            MarkFlooded(subject, s.Incarnation, MemberState.Dead);
            ApplyDead(subject, s.Incarnation);
            Flood(MemberState.Dead, subject, s.Incarnation, default(NodeId));
        }

        internal void OnPing(NodeId from, ControlMessage m)
        {
            uint seq = m.ProbeSequence;
            bool wantsLink = (m.Flags & ControlFlags.ActiveLink) != 0;
            uint incarnation = m.Incarnation;
            ApplyUpdates(from, m);
            bool linked = wantsLink ? views.AcceptLinkIfRoom(from, incarnation) : views.Active.Contains(from);
            node.Overlay.OnAdvert(from, m);
            SendProbe(ControlType.Ack, from, seq, linked);
        }

        internal void OnAck(NodeId from, ControlMessage m)
        {
            uint seq = m.ProbeSequence;
            bool linked = (m.Flags & ControlFlags.ActiveLink) != 0;
            ApplyUpdates(from, m);
            node.Overlay.OnAdvert(from, m);
            if (probing && seq == probeSequence)
            {
                probeAcked = true;
                if (suspects.Remove(probeTarget.Value))
                {
                    // Answered (directly or through a helper): alive after all.
                    node.Counters.SuspicionsCleared++;
                    views.AddPassive(probeTarget, views.IncarnationOf(probeTarget));
                }

                if (from == probeTarget && probeActiveLink && !linked)
                {
                    // The peer does not hold us: drop the one-sided link so both views agree.
                    views.RemoveActive(from, true);
                }

                return;
            }

            if (seq == passiveSequence && passiveSequence != 0)
            {
                // Direct, or relayed by a helper after a first miss.
                passiveAcked = true;
                if (from == passiveTarget && m.TreeRoot != node.Overlay.Root && m.TreeDistance > 0 && node.Overlay.Distance > 0)
                {
                    // Both sides follow different roots: the overlay is split. Link across.
                    node.Counters.SplitInvitations++;
                    views.Invite(from);
                }

                return;
            }

            for (int i = 0; i < relays.Length; i++)
            {
                if (relays[i].InUse && relays[i].Sequence == seq)
                {
                    relays[i].InUse = false;
                    SendProbe(ControlType.Ack, relays[i].Requester, relays[i].RequesterSequence, false);
                    return;
                }
            }
        }

        internal void OnPingReq(NodeId from, ControlMessage m)
        {
            if (tombstones.TryGet(m.Subject, out uint deadAt))
            {
                // Already declared dead here: the asker missed the announcement (a lost flood, or an
                // id brought back by a SHUFFLE before the death). Tell it at once; the ping below still
                // goes out, so a node that is alive after all can refute.
                SendMemberMessage(from, ControlType.Dead, m.Subject, deadAt, 0);
            }

            ref RelayedProbe slot = ref relays[relayNext];
            if (slot.InUse && slot.ExpiresMs > node.Now)
            {
                node.Counters.RelayEvictions++;
            }

            slot.InUse = true;
            slot.Sequence = ++sequence;
            slot.Requester = from;
            slot.RequesterSequence = m.ProbeSequence;
            slot.ExpiresMs = node.Now + options.ProbeIntervalMs;
            relayNext = (relayNext + 1) % relays.Length;
            SendPing(m.Subject, slot.Sequence, false);
        }

        /// <summary>
        /// Starts suspecting a node (a failed probe, or a NEIGHBOR request left unanswered). An active
        /// neighbour leaves the active view at once, as a broken connection would in HyParView, so the
        /// view is refilled within seconds; if it refutes it comes back as a passive member. A passive
        /// member stays where it is until declared dead: under frame loss most suspicions are false,
        /// and dropping every suspect would drain the passive views.
        /// </summary>
        internal void StartSuspicion(NodeId subject)
        {
            StartSuspicion(subject, suspicionTimeoutMs);
        }

        /// <summary>Starts (or shortens) a suspicion that expires <paramref name="timeoutMs"/> from now.</summary>
        private void StartSuspicion(NodeId subject, long timeoutMs)
        {
            if (subject == node.Self || tombstones.TryGet(subject, out _))
            {
                return;
            }

            if (suspects.TryGetValue(subject.Value, out Suspicion existing))
            {
                long shorter = node.Now + timeoutMs;
                if (shorter < existing.Deadline)
                {
                    existing.Deadline = shorter;
                    suspects[subject.Value] = existing;
                    node.Timers.Schedule(shorter, TimerKind.Suspicion, subject.Value, (ulong)shorter);
                }

                return;
            }

            uint incarnation = views.IncarnationOf(subject);
            views.RemoveActive(subject, false);
            if (suspects.Count >= options.MaxSuspects)
            {
                node.Counters.SuspectTableFull++;
                return;
            }

            long deadline = node.Now + timeoutMs;
            suspects.Add(subject.Value, new Suspicion { Incarnation = incarnation, Deadline = deadline });
            node.Counters.Suspicions++;
            node.Timers.Schedule(deadline, TimerKind.Suspicion, subject.Value, (ulong)deadline);
            SendMemberMessage(subject, ControlType.Suspect, subject, incarnation, 0);
        }

        private void SendPing(NodeId to, uint seq, bool activeLink)
        {
            SendProbe(ControlType.Ping, to, seq, activeLink);
        }

        /// <summary>A PING or ACK: sequence, link flag, our tree position and piggybacked updates.</summary>
        private void SendProbe(ControlType type, NodeId to, uint seq, bool activeLink)
        {
            ControlMessage m = node.Compose(type);
            m.ProbeSequence = seq;
            m.Flags = activeLink ? ControlFlags.ActiveLink : (byte)0;
            node.Overlay.Describe(m);
            updates.Fill(m, options.MaxPiggybackUpdates, retransmitLimit, to);
            node.Send(to, m, Priority.Control);
        }

        private struct Suspicion
        {
            public uint Incarnation;
            public long Deadline;
        }

        private struct RelayedProbe
        {
            public bool InUse;
            public uint Sequence;
            public NodeId Requester;
            public uint RequesterSequence;
            public long ExpiresMs;
        }
    }
}

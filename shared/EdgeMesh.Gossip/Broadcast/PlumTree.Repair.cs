using System;
using System.Collections.Generic;
using EdgeMesh.Gossip.Internal;
using EdgeMesh.Gossip.Messages;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Gossip.Broadcast
{
    /// <summary>
    /// The lazy half of <see cref="PlumTree"/>: batched IHAVE announcements, GRAFT timers for
    /// announced-but-missing messages, and the tree optimisation that swaps a long eager path for a
    /// shorter lazy one.
    /// </summary>
    internal sealed partial class PlumTree
    {
        private readonly MessageIdTable<Missing> missing = new MessageIdTable<Missing>();

        // Entries come and go with every message a lazy link announces first; reusing them keeps the
        // steady state allocation-free. Never more than MissingCapacity exist.
        private readonly Stack<Missing> spareMissing = new Stack<Missing>();
        private bool flushScheduled;

        internal int MissingCount
        {
            get { return missing.Count; }
        }

        internal bool IsMissing(MessageId id)
        {
            return missing.ContainsKey(id);
        }

        internal void OnIHave(NodeId from, ControlMessage m)
        {
            for (int i = 0; i < m.EntryCount; i++)
            {
                IHaveEntry e = m.Entries[i];
                if (options.TreeOptimizationThreshold == 0)
                {
                    // Only whether the message is known matters: no copy of its entry.
                    if (store.Contains(e.Id))
                    {
                        continue;
                    }
                }
                else if (store.TryGet(e.Id, out MessageStore.Entry known))
                {
                    MaybeOptimize(from, e, known);
                    continue;
                }

                if (missing.TryGetValue(e.Id, out Missing? entry))
                {
                    if (entry.Announcers.Count < options.MaxAnnouncers && !entry.Announcers.ContainsId(from))
                    {
                        entry.Announcers.Add(from);
                    }

                    continue;
                }

                if (missing.Count >= options.MissingCapacity)
                {
                    node.Counters.MissingTableFull++;
                    continue;
                }

                entry = spareMissing.Count > 0 ? spareMissing.Pop() : new Missing();
                entry.Topic = e.Topic;
                entry.Announcers.Add(from);
                missing.Set(e.Id, entry);
                // A random share of the timeout staggers the GRAFTs of a cut-off subtree: the first
                // repaired copy then reaches most of the subtree before the other timers fire.
                long jitter = options.IHaveTimeoutJitterMs > 0 ? node.Random.Next((int)options.IHaveTimeoutJitterMs + 1) : 0;
                node.Timers.Schedule(node.Now + options.IHaveTimeoutMs + jitter, TimerKind.Missing, e.Id.Origin.Value, e.Id.Sequence);
            }
        }

        internal void OnMissingTimer(MessageId id)
        {
            if (!missing.TryGetValue(id, out Missing? entry))
            {
                return;
            }

            if (store.Contains(id))
            {
                ForgetMissing(id);
                return;
            }

            if (entry.Attempts >= options.MaxGraftAttempts || entry.Announcers.Count == 0)
            {
                ForgetMissing(id);
                node.Counters.MissingGivenUp++;
                return;
            }

            NodeId announcer = entry.Announcers[entry.Attempts % entry.Announcers.Count];
            entry.Attempts++;
            TopicState? state = GetTopic(entry.Topic, true);
            if (state != null && node.Views.Active.Contains(announcer))
            {
                TreeOf(state, id.Origin).MakeEager(announcer);
            }

            SendGraft(announcer, entry.Topic, id, ControlFlags.WantMessage);
            node.Timers.Schedule(node.Now + options.GraftRetryTimeoutMs, TimerKind.Missing, id.Origin.Value, id.Sequence);
        }

        internal void OnLazyFlush()
        {
            flushScheduled = false;
            for (int q = 0; q < lazy.SlotCount; q++)
            {
                int queued = lazy.EntryCountAt(q);
                NodeId peer = lazy.PeerAt(q);
                int sent = 0;
                while (sent < queued)
                {
                    ControlMessage m = node.Compose(ControlType.IHave);
                    while (sent < queued && m.EntryCount < options.MaxIHaveEntries)
                    {
                        m.Entries[m.EntryCount++] = lazy.EntryAt(q, sent++);
                    }

                    node.Send(peer, m, Priority.Control);
                    node.Counters.IHavesSent++;
                }

                lazy.ClearAt(q);
            }
        }

        private void QueueIHave(NodeId peer, IHaveEntry entry)
        {
            if (!lazy.Add(peer, entry))
            {
                node.Counters.LazyQueueDrops++;
                return;
            }

            if (!flushScheduled)
            {
                flushScheduled = true;
                node.Timers.Schedule(node.Now + options.LazyPushIntervalMs, TimerKind.LazyFlush, 0, 0);
            }
        }

        internal void Start(long now)
        {
            if (options.AntiEntropyIntervalMs > 0)
            {
                node.Timers.Schedule(now + 1 + node.Random.Next((int)options.AntiEntropyIntervalMs), TimerKind.AntiEntropy, 0, 0);
            }
        }

        /// <summary>Sends one random neighbour the ids of the newest messages (see <see cref="GossipOptions.AntiEntropyIntervalMs"/>).</summary>
        internal void OnAntiEntropyTimer()
        {
            node.Timers.Schedule(node.Now + options.AntiEntropyIntervalMs, TimerKind.AntiEntropy, 0, 0);
            int pick = node.Views.Active.RandomIndex(node.Random, default(NodeId), default(NodeId));
            if (pick < 0)
            {
                return;
            }

            NodeId peer = node.Views.Active[pick];
            long since = node.Now - options.AntiEntropyWindowMs;
            ControlMessage m = node.Compose(ControlType.IHave);
            int n = Math.Min(options.MaxIHaveEntries, store.CachedCount);
            for (int i = 0; i < n; i++)
            {
                if (store.TryGetAnnouncement(i, since, out IHaveEntry announcement))
                {
                    m.Entries[m.EntryCount++] = announcement;
                }
            }

            if (m.EntryCount > 0)
            {
                node.Send(peer, m, Priority.Control);
                node.Counters.IHavesSent++;
            }
        }

        /// <summary>
        /// A new neighbour may have been cut off while recent messages went by (it is often a
        /// replacement for a failed link): announce what arrived within
        /// <see cref="GossipOptions.RecoveryWindowMs"/> so that it can GRAFT what it lacks.
        /// </summary>
        private void AnnounceRecent(NodeId peer)
        {
            if (options.RecoveryWindowMs == 0)
            {
                return;
            }

            long since = node.Now - options.RecoveryWindowMs;
            int announced = 0;
            int n = Math.Min(options.MaxRecoveryAnnouncements, store.CachedCount);
            for (int i = 0; i < n; i++)
            {
                if (store.TryGetAnnouncement(i, since, out IHaveEntry announcement))
                {
                    QueueIHave(peer, announcement);
                    announced++;
                }
            }

            node.Counters.RecoveryAnnouncements += announced;
        }

        private void ForgetMissing(MessageId id)
        {
            if (missing.Remove(id, out Missing? entry))
            {
                entry.Announcers.Clear();
                entry.Attempts = 0;
                spareMissing.Push(entry);
            }
        }

        /// <summary>
        /// PlumTree's optimisation (paper §3.8): when a lazy neighbour offers a message at a round at
        /// least <see cref="GossipOptions.TreeOptimizationThreshold"/> lower than the eager copy
        /// arrived at, make that neighbour the parent and prune the old one. Once per message.
        /// </summary>
        private void MaybeOptimize(NodeId from, IHaveEntry e, MessageStore.Entry known)
        {
            // Called only with the optimisation on (threshold above 0).
            if (known.Optimized || known.Round - e.Round < options.TreeOptimizationThreshold
                || known.ReceivedFrom == node.Self || known.ReceivedFrom == from)
            {
                return;
            }

            TopicTree? tree = Tree(e.Topic, e.Id.Origin);
            Membership.PeerView active = node.Views.Active;
            if (tree == null || !active.Contains(from) || !active.Contains(known.ReceivedFrom))
            {
                return;
            }

            store.MarkOptimized(e.Id);
            node.Counters.TreeOptimizations++;
            tree.MakeEager(from);
            SendGraft(from, e.Topic, e.Id, 0);
            tree.MakeLazy(known.ReceivedFrom);
            SendPrune(known.ReceivedFrom, e.Topic, e.Id.Origin);
        }

        private void SendGraft(NodeId to, ulong topic, MessageId id, byte flags)
        {
            ControlMessage m = node.Compose(ControlType.Graft);
            m.Topic = topic;
            m.Message = id;
            m.Flags = flags;
            node.Send(to, m, Priority.Control);
            node.Counters.GraftsSent++;
        }

        /// <summary>A message announced by IHAVE that has not arrived yet.</summary>
        private sealed class Missing
        {
            internal ulong Topic { get; set; }

            internal List<NodeId> Announcers { get; } = new List<NodeId>();

            internal int Attempts { get; set; }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using EdgeMesh.Security;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;
using EdgeMesh.State.Fleet;
using EdgeMesh.State.Peers;
using EdgeMesh.State.Storage;
using EdgeMesh.State.Sync;

namespace EdgeMesh.Simulation
{
    /// <summary>
    /// Runs the real <see cref="FleetStateReplica"/> of every node (real Ed25519 signatures and
    /// certificates, real codec, real stores in memory) over a seeded event queue: an overlay of
    /// gossip neighbours plus the <see cref="SyncPeerSelector"/>'s supplementary links, lossy links
    /// with latency, a partition into two halves and its heal, crashes with restarts that replay the
    /// node's store. At the end every live node's digest is compared (docs/fleet-state.md §9).
    /// </summary>
    public sealed class StateScenario
    {
        private const long Epoch = 1_800_000_000_000;
        private readonly StateScenarioOptions _o;
        private readonly Random _random;
        private readonly PriorityQueue<Event, (long, long)> _queue = new PriorityQueue<Event, (long, long)>();
        private readonly SimNode[] _nodes;
        private readonly Dictionary<ulong, int> _index = new Dictionary<ulong, int>();
        private readonly byte[] _rootPublicKey;
        private long _order;
        private long _nowMs;
        private long _bytes;
        private long _messages;
        private long _lost;
        private int _largest;
        private int _writes;
        private int _restarts;
        private long _replayed;
        private long _lastDisturbanceMs;
        private long _healMs = -1;
        private bool _partitioned;


        /// <summary>Creates the fleet (keys, certificates, overlay); nothing runs until <see cref="Run"/>.</summary>
        public StateScenario(StateScenarioOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            _o = options;
            _random = new Random((int)(options.Seed * 2654435761UL % int.MaxValue));
            using var authority = new FleetAuthority(Ed25519KeyPair.FromSeed(SeedBytes(options.Seed, uint.MaxValue)));
            _rootPublicKey = authority.PublicKey.ToArray();
            _nodes = new SimNode[options.Nodes];
            for (int i = 0; i < options.Nodes; i++)
            {
                NodeKeyPair keys = Identity(options.Seed, (uint)i);
                FleetRoles roles = i < options.Writers ? FleetRoles.Operator : (i % 10 == 5 ? FleetRoles.Gateway : FleetRoles.Robot);
                byte[] cert = authority.IssueCertificate(keys.PublicKey, roles, Epoch - 1000, Epoch + (30L * 24 * 3600 * 1000));
                _nodes[i] = new SimNode(keys, cert, roles, rendezvous: i == options.Writers || i == options.Writers + 1);
                _index[keys.Id.Value] = i;
            }

            // Overlay: a ring (connected) plus random chords, symmetric, like an active view of about 2 + 2 × Links.
            for (int i = 0; i < options.Nodes; i++)
            {
                Link(i, (i + 1) % options.Nodes);
                for (int k = 0; k < options.Links; k++)
                {
                    int j = _random.Next(options.Nodes);
                    if (j != i)
                    {
                        Link(i, j);
                    }
                }
            }
        }

        /// <summary>Runs the scenario; <paramref name="progress"/> gets the fraction of simulated time done.</summary>
        public StateReport Run(Action<double>? progress = null)
        {
            var watch = Stopwatch.StartNew();
            long writeEndMs = (long)(_o.WriteSeconds * 1000);
            for (int i = 0; i < _nodes.Length; i++)
            {
                Schedule(_random.Next(2000), new Event(EventKind.Start, i));
            }

            // The whole write schedule is drawn up front, so the time of the last write is known and
            // convergence is measured from it (digests are compared every 50 ms from then on).
            long lastWriteMs = 0;
            for (int w = 0; w < _o.Writers; w++)
            {
                for (long at = 2_000 + NextWriteDelay(); at < writeEndMs; at += NextWriteDelay())
                {
                    Schedule(at, new Event(EventKind.Write, w));
                    lastWriteMs = Math.Max(lastWriteMs, at);
                }
            }

            long partitionStart = (long)(_o.WriteSeconds * 1000 * 0.2);
            if (_o.PartitionSeconds > 0)
            {
                Schedule(partitionStart, new Event(EventKind.Partition, 0));
                Schedule(partitionStart + (long)(_o.PartitionSeconds * 1000), new Event(EventKind.Heal, 0));
            }

            int crashes = (int)Math.Round(_o.CrashFraction * _nodes.Length);
            var crashed = new HashSet<int>();
            while (crashed.Count < crashes)
            {
                crashed.Add(_random.Next(_nodes.Length));
            }

            foreach (int i in crashed)
            {
                long at = 5_000 + _random.Next((int)Math.Max(1, writeEndMs - 5_000 - (long)(_o.DowntimeSeconds * 1000)));
                Schedule(at, new Event(EventKind.Crash, i));
                Schedule(at + (long)(_o.DowntimeSeconds * 1000), new Event(EventKind.Restart, i));
            }

            // Phase 1: writes, partition and crashes; then wait for agreement within the bound.
            long boundMs = (long)(_o.ConvergenceBoundSeconds * 1000);
            long hardEnd = Math.Max(writeEndMs, partitionStart + (long)(_o.PartitionSeconds * 1000)) + boundMs + 60_000;
            long convergedAt = -1;
            long nextCheck = lastWriteMs + 1;
            while (_queue.Count > 0)
            {
                _queue.TryPeek(out _, out (long Due, long) key);
                if (key.Due > hardEnd)
                {
                    break;
                }

                if (key.Due >= nextCheck && _nowMs >= lastWriteMs && !_partitioned)
                {
                    _nowMs = nextCheck;
                    if (DistinctDigests() == 1 && QueueHasNoPendingRestart())
                    {
                        convergedAt = nextCheck;
                        break;
                    }

                    nextCheck += 50;
                    progress?.Invoke(Math.Min(1, (double)_nowMs / hardEnd));
                    continue;
                }

                Step();
            }

            long disturbance = _lastDisturbanceMs;
            var report = new StateReport
            {
                Nodes = _nodes.Length,
                Writers = _o.Writers,
                Seed = _o.Seed,
                Writes = _writes,
                Restarts = _restarts,
                RecordsReplayed = _replayed,
                Converged = convergedAt >= 0 && convergedAt - disturbance <= boundMs,
                ConvergenceMs = convergedAt >= 0 ? convergedAt - disturbance : double.NaN,
                ConvergenceAfterHealMs = convergedAt >= 0 && _healMs >= 0 ? convergedAt - _healMs : double.NaN,
                BoundMs = boundMs,
            };
            double busySeconds = _nowMs / 1000.0;
            long busyBytes = _bytes;
            long runBytes = _bytes;

            // Phase 2: quiet, converged fleet: steady-state anti-entropy cost, measured after 5 s
            // in which the last acknowledgements and retransmissions die down.
            long quietEnd = _nowMs + 5_000;
            while (_queue.Count > 0 && _queue.TryPeek(out _, out (long Due, long) quietKey) && quietKey.Due <= quietEnd)
            {
                Step();
            }

            _nowMs = Math.Max(_nowMs, quietEnd);
            busyBytes = _bytes;
            long steadyStart = _nowMs;
            long steadyEnd = steadyStart + (long)(_o.SteadySeconds * 1000);
            while (_queue.Count > 0)
            {
                _queue.TryPeek(out _, out (long Due, long) key);
                if (key.Due > steadyEnd)
                {
                    break;
                }

                Step();
            }

            _nowMs = steadyEnd;
            report.DistinctDigests = DistinctDigests();
            report.Converged &= report.DistinctDigests == 1;
            report.SimulatedSeconds = _nowMs / 1000.0;
            report.BytesPerNodePerSecond = runBytes / Math.Max(1e-9, busySeconds) / _nodes.Length;
            report.SteadyBytesPerNodePerSecond = _o.SteadySeconds > 0 ? (_bytes - busyBytes) / _o.SteadySeconds / _nodes.Length : double.NaN;
            report.Messages = _messages;
            report.MessagesLost = _lost;
            report.LargestMessageBytes = _largest;
            foreach (SimNode n in _nodes)
            {
                n.Flush();
                report.DeltasSent += n.Deltas;
                report.FullStatesSent += n.Fulls;
                report.DigestsSent += n.Digests;
                report.AcksSent += n.Acks;
                report.BufferDrops += n.Drops;
                report.EntriesRefused += n.Refused;
            }

            foreach (SimNode n in _nodes)
            {
                if (n.Replica != null)
                {
                    report.Keys = n.Replica.State.KeyCount;
                    break;
                }
            }

            report.WallSeconds = watch.Elapsed.TotalSeconds;
            progress?.Invoke(1);
            return report;
        }

        /// <summary>Keys from the run seed, so one seed gives one run.</summary>
        private static NodeKeyPair Identity(ulong seed, uint index)
        {
            for (uint attempt = 0; ; attempt++)
            {
                Ed25519KeyPair pair = Ed25519KeyPair.FromSeed(SeedBytes(seed, index + (attempt << 24)));
                if (NodeKeyPair.TryCreate(pair, out NodeKeyPair? identity))
                {
                    return identity!;
                }

                pair.Dispose();
            }
        }

        private static byte[] SeedBytes(ulong seed, uint index)
        {
            byte[] input = new byte[12];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(input, seed);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(8), index);
            byte[] output = new byte[32];
            Blake2b.Hash(input, output);
            return output;
        }

        private bool QueueHasNoPendingRestart()
        {
            foreach (SimNode n in _nodes)
            {
                if (n.Replica == null && n.Started)
                {
                    return false;
                }
            }

            return true;
        }

        private int DistinctDigests()
        {
            var digests = new HashSet<string>(StringComparer.Ordinal);
            foreach (SimNode n in _nodes)
            {
                if (n.Replica != null)
                {
                    digests.Add(Convert.ToHexString(n.Replica.Digest));
                }
            }

            return digests.Count;
        }

        private void Step()
        {
            Event e = _queue.Dequeue();
            _nowMs = Math.Max(_nowMs, e.AtMs);
            SimNode node = _nodes[e.Node];
            switch (e.Kind)
            {
                case EventKind.Start:
                    node.Started = true;
                    Boot(e.Node);
                    Schedule(_nowMs + _o.TickMs, new Event(EventKind.Tick, e.Node) { Generation = node.Generation });
                    break;
                case EventKind.Tick:
                    if (node.Replica != null && e.Generation == node.Generation)
                    {
                        TickNode(e.Node);
                        Schedule(_nowMs + _o.TickMs, new Event(EventKind.Tick, e.Node) { Generation = node.Generation });
                    }

                    break;
                case EventKind.Deliver:
                    if (node.Replica == null || _nodes[e.From].Group != node.Group)
                    {
                        _lost++;
                        break;
                    }

                    node.Replica.Receive(_nodes[e.From].Id, e.Message!, Epoch + _nowMs, node.Sink!);
                    break;
                case EventKind.Write:
                    Write(e.Node);
                    break;
                case EventKind.Partition:
                    _partitioned = true;
                    for (int i = 0; i < _nodes.Length; i++)
                    {
                        _nodes[i].Group = _random.Next(2);
                    }

                    break;
                case EventKind.Heal:
                    _partitioned = false;
                    foreach (SimNode n in _nodes)
                    {
                        n.Group = 0;
                    }

                    _healMs = _nowMs;
                    _lastDisturbanceMs = Math.Max(_lastDisturbanceMs, _nowMs);
                    break;
                case EventKind.Crash:
                    node.Flush();
                    node.Replica = null;
                    node.Generation++;
                    break;
                case EventKind.Restart:
                    Boot(e.Node);
                    _restarts++;
                    _replayed += node.Replica!.RecordsReplayed;
                    _lastDisturbanceMs = Math.Max(_lastDisturbanceMs, _nowMs);
                    Schedule(_nowMs + _o.TickMs, new Event(EventKind.Tick, e.Node) { Generation = node.Generation });
                    break;
            }
        }

        private void Boot(int i)
        {
            SimNode n = _nodes[i];
            var options = new FleetStateOptions();
            n.Replica = new FleetStateReplica(n.Id, n.Keys.Keys, n.Certificate, _rootPublicKey, n.Store, Epoch + _nowMs, options);
            n.Sink = new Sink(this, i);
            foreach (int j in n.Neighbours)
            {
                n.Replica.AddPeer(_nodes[j].Id);
            }

            n.Selector = new SyncPeerSelector(n.Id, new SyncPeerOptions { MaxSupplementary = _o.SupplementaryLinks, ReconcileIntervalMs = 5_000 }, _random.Next());
            var neighbourIds = new List<ulong>();
            foreach (int j in n.Neighbours)
            {
                neighbourIds.Add(_nodes[j].Id);
            }

            n.Selector.SetNeighbours(neighbourIds);
            n.Replica.PublishPresence(new PresenceInfo(n.Roles, "0.1.0", new[] { "sim://" + i }, Array.Empty<ulong>(), n.Rendezvous), Epoch + _nowMs);
        }

        private void TickNode(int i)
        {
            SimNode n = _nodes[i];
            FleetStateReplica replica = n.Replica!;
            if (_o.SupplementaryLinks > 0)
            {
                // The membership layer's view: nodes known from presence, alive when up and reachable.
                foreach (string key in replica.State.Keys)
                {
                    if (key.StartsWith(KeyPolicy.PresencePrefix, StringComparison.Ordinal))
                    {
                        ulong id = Convert.ToUInt64(key.Substring(KeyPolicy.PresencePrefix.Length), 16);
                        if (_index.TryGetValue(id, out int j))
                        {
                            if (_nodes[j].Replica != null && _nodes[j].Group == n.Group)
                            {
                                n.Selector!.ObserveAlive(id, _nowMs, _nodes[j].Rendezvous);
                            }
                            else
                            {
                                n.Selector!.ObserveDead(id);
                            }
                        }
                    }
                }

                SyncPeerPlan? plan = n.Selector!.Reconcile(_nowMs);
                if (plan != null)
                {
                    foreach (ulong peer in plan.Remove)
                    {
                        replica.RemovePeer(peer);
                    }

                    foreach (ulong peer in plan.Add)
                    {
                        replica.AddPeer(peer);
                    }

                    foreach ((ulong peer, long pacing) in plan.Pacing)
                    {
                        replica.Replicator.SetPacing(peer, pacing);
                    }
                }

                if (!n.Selector.Synced && replica.State.KeyCount > 0)
                {
                    n.Selector.Synced = true;
                }
            }

            replica.Tick(Epoch + _nowMs, n.Sink!);
        }

        private void Write(int w)
        {
            SimNode n = _nodes[w];
            if (n.Replica == null)
            {
                return;
            }

            int k = _random.Next(_o.Keys);
            string key = (k % 2 == 0 ? "mission/robot-" : "config/param-") + (k / 2);
            PutResult result = _random.NextDouble() < _o.DeleteFraction
                ? n.Replica.Delete(key, Epoch + _nowMs)
                : n.Replica.Put(key, Encoding.UTF8.GetBytes("w" + w + "@" + _nowMs), Epoch + _nowMs);
            if (result == PutResult.Accepted)
            {
                _writes++;
                _lastDisturbanceMs = Math.Max(_lastDisturbanceMs, _nowMs);
            }
        }

        private long NextWriteDelay()
        {
            return 1 + (long)(-Math.Log(1 - _random.NextDouble()) * _o.WriteIntervalSeconds * 1000);
        }

        private void Link(int a, int b)
        {
            if (!_nodes[a].Neighbours.Contains(b))
            {
                _nodes[a].Neighbours.Add(b);
                _nodes[b].Neighbours.Add(a);
            }
        }

        private void Schedule(long atMs, Event e)
        {
            e.AtMs = atMs;
            _queue.Enqueue(e, (atMs, _order++));
        }

        private void Send(int from, ulong to, ReadOnlySpan<byte> message)
        {
            _messages++;
            _bytes += message.Length;

            _largest = Math.Max(_largest, message.Length);
            if (_random.NextDouble() < _o.Loss || !_index.TryGetValue(to, out int target))
            {
                _lost++;
                return;
            }

            long latency = (long)(_o.LatencyMinMs + (_random.NextDouble() * (_o.LatencyMaxMs - _o.LatencyMinMs)));
            Schedule(_nowMs + latency, new Event(EventKind.Deliver, target) { From = from, Message = message.ToArray() });
        }

        private enum EventKind
        {
            Start,
            Tick,
            Deliver,
            Write,
            Partition,
            Heal,
            Crash,
            Restart,
        }

        private sealed class Event
        {
            internal Event(EventKind kind, int node)
            {
                Kind = kind;
                Node = node;
            }

            internal EventKind Kind { get; }

            internal int Node { get; }

            internal long AtMs { get; set; }

            internal int From { get; set; }

            internal int Generation { get; set; }

            internal byte[]? Message { get; set; }
        }

        private sealed class Sink : ISyncSink
        {
            private readonly StateScenario _scenario;
            private readonly int _from;

            internal Sink(StateScenario scenario, int from)
            {
                _scenario = scenario;
                _from = from;
            }

            public void Send(ulong peer, ReadOnlySpan<byte> message)
            {
                _scenario.Send(_from, peer, message);
            }
        }

        private sealed class SimNode
        {
            internal SimNode(NodeKeyPair keys, byte[] certificate, FleetRoles roles, bool rendezvous)
            {
                Keys = keys;
                Certificate = certificate;
                Roles = roles;
                Rendezvous = rendezvous;
                Id = keys.Id.Value;
            }

            internal NodeKeyPair Keys { get; }

            internal byte[] Certificate { get; }

            internal FleetRoles Roles { get; }

            internal bool Rendezvous { get; }

            internal ulong Id { get; }

            internal MemoryStateStore Store { get; } = new MemoryStateStore();

            internal List<int> Neighbours { get; } = new List<int>();

            internal FleetStateReplica? Replica { get; set; }

            internal SyncPeerSelector? Selector { get; set; }

            internal ISyncSink? Sink { get; set; }

            internal int Group { get; set; }

            internal int Generation { get; set; }

            internal bool Started { get; set; }

            internal long Deltas { get; private set; }

            internal long Fulls { get; private set; }

            internal long Digests { get; private set; }

            internal long Acks { get; private set; }

            internal long Drops { get; private set; }

            internal long Refused { get; private set; }

            /// <summary>Adds the current replica's counters to the node's totals (before a crash discards it, and at the end).</summary>
            internal void Flush()
            {
                if (Replica == null)
                {
                    return;
                }

                ReplicatorCounters c = Replica.SyncCounters;
                Deltas += c.DeltasSent;
                Fulls += c.FullStatesSent;
                Digests += c.DigestsSent;
                Acks += c.AcksSent;
                Drops += c.BufferDrops;
                Refused += c.Refused;
            }
        }
    }
}

using System.Collections.Generic;
using System.Text;
using EdgeMesh.Security.Admission;
using EdgeMesh.State.Clocks;
using EdgeMesh.State.Codec;
using EdgeMesh.State.Fleet;
using EdgeMesh.State.Storage;
using EdgeMesh.State.Sync;
using EdgeMesh.State.Tests.Support;

namespace EdgeMesh.State.Tests.Fleet
{
    public sealed class FleetStateReplicaTests
    {
        private const long T0 = TestFleet.T0;

        [Fact]
        public void An_operator_mission_reaches_every_replica_and_a_robot_may_not_write_one()
        {
            using var fleet = new TestFleet();
            TestFleet.Member op = fleet.Add(FleetRoles.Operator);
            TestFleet.Member robot = fleet.Add(FleetRoles.Robot);
            TestFleet.Member other = fleet.Add(FleetRoles.Robot | FleetRoles.Gateway);
            fleet.ConnectAll();
            Assert.Equal(PutResult.Accepted, op.Replica.Put("mission/r1", Utf8("patrol A"), T0));
            Assert.Equal(PutResult.RoleNotAllowed, robot.Replica.Put("mission/r1", Utf8("idle"), T0));
            Assert.Equal(PutResult.KeyNotAllowed, robot.Replica.Put("unknown/x", Utf8("x"), T0));
            fleet.Settle(T0);
            foreach (TestFleet.Member m in fleet.Members)
            {
                IReadOnlyList<SignedEntry> v = m.Replica.Get("mission/r1");
                Assert.Single(v);
                Assert.Equal("patrol A", Encoding.UTF8.GetString(v[0].Value!));
                Assert.Equal(op.Id, v[0].Author);
                Assert.True(m.Replica.Digest.SequenceEqual(op.Replica.Digest));
            }
        }

        [Fact]
        public void An_entry_signed_by_a_node_without_the_role_is_refused_everywhere()
        {
            using var fleet = new TestFleet();
            TestFleet.Member op = fleet.Add(FleetRoles.Operator);
            TestFleet.Member robot = fleet.Add(FleetRoles.Robot);
            fleet.ConnectAll();

            // The robot bypasses its own replica's check: it signs a mission entry and sends it as a delta.
            var forged = SignedEntry.Create("mission/r1", Utf8("go rogue"), new HybridTimestamp(T0, 0, robot.Id), new List<HybridTimestamp>(), robot.Keys.Keys);
            byte[] message = DeltaMessage(SignedMap.Single(forged, robot.Certificate));
            var sink = new QueueSink();
            Assert.Equal(StateError.None, op.Replica.Receive(robot.Id, message, T0, sink));
            Assert.Empty(op.Replica.Get("mission/r1"));
            Assert.Equal(1, op.Replica.Verifier.Count(EntryVerdict.RoleNotAllowed));
            Assert.Equal(1, op.Replica.SyncCounters.Refused);
        }

        [Fact]
        public void A_relay_cannot_change_an_entry_or_claim_another_nodes_presence()
        {
            using var fleet = new TestFleet();
            TestFleet.Member op = fleet.Add(FleetRoles.Operator);
            TestFleet.Member relay = fleet.Add(FleetRoles.Robot);
            TestFleet.Member victim = fleet.Add(FleetRoles.Robot);
            Assert.Equal(PutResult.Accepted, op.Replica.Put("config/speed", Utf8("1.0"), T0));
            SignedEntry genuine = op.Replica.State.EntryOf("config/speed", op.Id)!;
            var tampered = new SignedEntry(genuine.Key, Utf8("9.9"), genuine.Timestamp, genuine.Supersedes, genuine.Signature);
            var sink = new QueueSink();
            victim.Replica.Receive(relay.Id, DeltaMessage(SignedMap.Single(tampered, op.Certificate)), T0, sink);
            Assert.Empty(victim.Replica.Get("config/speed"));
            Assert.Equal(1, victim.Replica.Verifier.Count(EntryVerdict.BadSignature));

            var fakePresence = SignedEntry.Create(KeyPolicy.PresenceKey(op.Id), Utf8("x"), new HybridTimestamp(T0, 0, relay.Id), new List<HybridTimestamp>(), relay.Keys.Keys);
            victim.Replica.Receive(relay.Id, DeltaMessage(SignedMap.Single(fakePresence, relay.Certificate)), T0, sink);
            Assert.Equal(1, victim.Replica.Verifier.Count(EntryVerdict.RoleNotAllowed));

            // A certificate from another fleet proves nothing.
            using var otherFleet = new TestFleet();
            TestFleet.Member outsider = otherFleet.Add(FleetRoles.Operator);
            var foreign = SignedEntry.Create("mission/r1", Utf8("x"), new HybridTimestamp(T0, 0, outsider.Id), new List<HybridTimestamp>(), outsider.Keys.Keys);
            victim.Replica.Receive(relay.Id, DeltaMessage(SignedMap.Single(foreign, outsider.Certificate)), T0, sink);
            Assert.Equal(1, victim.Replica.Verifier.Count(EntryVerdict.BadCertificate));
            Assert.Empty(victim.Replica.Get("mission/r1"));
        }

        [Fact]
        public void Concurrent_writes_are_shown_as_a_conflict_until_a_later_write_resolves_them()
        {
            using var fleet = new TestFleet();
            TestFleet.Member a = fleet.Add(FleetRoles.Operator);
            TestFleet.Member b = fleet.Add(FleetRoles.Operator);
            a.Replica.Put("mission/r7", Utf8("dock"), T0);
            b.Replica.Put("mission/r7", Utf8("charge"), T0 + 5);
            fleet.ConnectAll();
            fleet.Settle(T0 + 10);
            Assert.Equal(2, a.Replica.Get("mission/r7").Count);
            Assert.Equal(2, b.Replica.Get("mission/r7").Count);
            a.Replica.Put("mission/r7", Utf8("charge then dock"), T0 + 20);
            fleet.Settle(T0 + 30);
            IReadOnlyList<SignedEntry> v = b.Replica.Get("mission/r7");
            Assert.Single(v);
            Assert.Equal("charge then dock", Encoding.UTF8.GetString(v[0].Value!));
        }

        [Fact]
        public void Removals_are_pruned_after_the_horizon_and_cannot_be_revived_by_a_late_copy()
        {
            var options = new FleetStateOptions { PruneHorizonMs = 60_000, PruneIntervalMs = 1_000 };
            using var fleet = new TestFleet();
            TestFleet.Member a = fleet.Add(FleetRoles.Operator, options: options);
            TestFleet.Member b = fleet.Add(FleetRoles.Operator, options: options);
            fleet.ConnectAll();
            a.Replica.Put("config/x", Utf8("1"), T0);
            fleet.Settle(T0);
            SignedMap oldCopy = b.Replica.State.Clone();
            a.Replica.Delete("config/x", T0 + 1_000);
            fleet.Settle(T0 + 1_000);
            Assert.Empty(b.Replica.Get("config/x"));
            Assert.Equal(1, b.Replica.State.KeyCount); // the removal is still held
            Assert.Equal(0, b.Replica.Prune(T0 + 30_000));
            Assert.Equal(1, b.Replica.Prune(T0 + 62_000));
            Assert.Equal(0, b.Replica.State.KeyCount);
            Assert.Equal(0, b.Replica.State.CertificateCount);

            // A replica that slept through the removal sends its old state: the value stays gone.
            var sink = new QueueSink();
            b.Replica.Receive(a.Id, FullMessage(oldCopy), T0 + 63_000, sink);
            Assert.Empty(b.Replica.Get("config/x"));
            Assert.Equal(1, b.Replica.StaleRefused);
        }

        [Fact]
        public void A_replica_restarted_from_its_directory_store_has_the_same_state()
        {
            string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgemesh-state-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var fleet = new TestFleet();
                using var store = new DirectoryStateStore(dir);
                TestFleet.Member op = fleet.Add(FleetRoles.Operator, store);
                TestFleet.Member peer = fleet.Add(FleetRoles.Operator);
                fleet.ConnectAll();
                peer.Replica.Put("mission/a", Utf8("1"), T0);
                op.Replica.Put("mission/b", Utf8("2"), T0);
                op.Replica.Delete("mission/b", T0 + 1);
                fleet.Settle(T0 + 2);
                byte[] before = op.Replica.Digest.ToArray();
                store.Dispose();
                using var reopened = new DirectoryStateStore(dir);
                var replica = new FleetStateReplica(op.Id, op.Keys.Keys, op.Certificate, fleet.Authority.PublicKey, reopened, T0 + 3);
                Assert.Empty(replica.LoadProblems);
                Assert.True(replica.Digest.SequenceEqual(before));
                Assert.Single(replica.Get("mission/a"));

                // New own writes after the restart order after the replayed ones.
                Assert.Equal(PutResult.Accepted, replica.Put("mission/b", Utf8("3"), T0 - 10_000));
                Assert.Single(replica.Get("mission/b"));
            }
            finally
            {
                System.IO.Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void A_torn_last_record_is_cut_off_and_the_rest_replays()
        {
            string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgemesh-state-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var fleet = new TestFleet();
                var store = new DirectoryStateStore(dir);
                TestFleet.Member op = fleet.Add(FleetRoles.Operator, store);
                op.Replica.Put("mission/a", Utf8("1"), T0);
                op.Replica.Put("mission/b", Utf8("2"), T0 + 1);
                store.Dispose();
                string log = System.IO.Path.Combine(dir, "state.log");
                byte[] bytes = System.IO.File.ReadAllBytes(log);
                System.IO.File.WriteAllBytes(log, bytes.AsSpan(0, bytes.Length - 7).ToArray());
                using var reopened = new DirectoryStateStore(dir);
                var replica = new FleetStateReplica(op.Id, op.Keys.Keys, op.Certificate, fleet.Authority.PublicKey, reopened, T0 + 3);
                Assert.Single(replica.LoadProblems);
                Assert.Single(replica.Get("mission/a"));
                Assert.Empty(replica.Get("mission/b"));
                Assert.Equal(PutResult.Accepted, replica.Put("mission/c", Utf8("3"), T0 + 4));
                using var again = new DirectoryStateStore(dir);
                var third = new FleetStateReplica(op.Id, op.Keys.Keys, op.Certificate, fleet.Authority.PublicKey, again, T0 + 5);
                Assert.Empty(third.LoadProblems);
                Assert.Single(third.Get("mission/c"));
            }
            finally
            {
                System.IO.Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void Compaction_keeps_the_state_and_a_store_older_than_the_horizon_is_not_replayed()
        {
            var options = new FleetStateOptions { PruneHorizonMs = 60_000 };
            using var fleet = new TestFleet();
            var store = new MemoryStateStore();
            TestFleet.Member op = fleet.Add(FleetRoles.Operator, store, options);
            for (int i = 0; i < 20; i++)
            {
                op.Replica.Put("config/k" + i, Utf8("v" + i), T0 + i);
            }

            byte[] digest = op.Replica.Digest.ToArray();
            op.Replica.Compact();
            Assert.Equal(0, store.LogBytes);
            op.Restart(T0 + 100);
            Assert.True(op.Replica.Digest.SequenceEqual(digest));
            Assert.Equal(1, op.Replica.RecordsReplayed);
            op.Restart(T0 + 120_000);
            Assert.True(op.Replica.DiscardedStaleStore);
            Assert.True(op.Replica.State.IsEmpty);
        }

        [Fact]
        public void Presence_is_replicated_and_liveness_stays_local()
        {
            using var fleet = new TestFleet();
            TestFleet.Member gw = fleet.Add(FleetRoles.Gateway);
            TestFleet.Member robot = fleet.Add(FleetRoles.Robot);
            fleet.ConnectAll();
            var info = new PresenceInfo(FleetRoles.Gateway, "0.1.0", new[] { "udp://10.0.0.2:7400" }, new ulong[] { 0xAB });
            Assert.Equal(PutResult.Accepted, gw.Replica.PublishPresence(info, T0));
            long sequence = gw.Replica.Replicator.Sequence > 0 ? (long)gw.Replica.Replicator.Sequence : -1;
            gw.Replica.PublishPresence(info, T0 + 1000); // unchanged: no new write
            Assert.Equal(sequence, (long)gw.Replica.Replicator.Sequence);
            fleet.Settle(T0);
            robot.Replica.ObserveLiveness(gw.Id, true, T0 + 900);
            var presence = robot.Replica.Presence();
            Assert.Single(presence);
            Assert.Equal(gw.Id, presence[0].Node);
            Assert.Equal("0.1.0", presence[0].Info.SoftwareVersion);
            Assert.True(presence[0].Liveness.Alive);
            Assert.Equal(0xABUL, presence[0].Info.RadioNodes[0]);
            Assert.False(gw.Replica.TryGetLiveness(robot.Id, out _));
        }

        [Fact]
        public void Watchers_see_local_and_remote_changes_and_the_queue_is_bounded()
        {
            var options = new FleetStateOptions { ChangeQueueCapacity = 2 };
            using var fleet = new TestFleet();
            TestFleet.Member a = fleet.Add(FleetRoles.Operator, options: options);
            a.Replica.Put("config/a", Utf8("1"), T0);
            a.Replica.Put("config/b", Utf8("1"), T0);
            a.Replica.Delete("config/a", T0);
            Assert.Equal(1, a.Replica.ChangesDropped);
            Assert.True(a.Replica.TryDequeueChange(out StateChange c1));
            Assert.Equal("config/b", c1.Key);
            Assert.True(a.Replica.TryDequeueChange(out StateChange c2));
            Assert.True(c2.Removed && c2.Local);
            Assert.False(a.Replica.TryDequeueChange(out _));
        }

        [Fact]
        public void A_store_that_refuses_an_append_is_reported_and_counted()
        {
            using var fleet = new TestFleet();
            TestFleet.Member op = fleet.Add(FleetRoles.Operator, new FailingStore());
            Assert.Equal(PutResult.StoreFailed, op.Replica.Put("config/a", Utf8("1"), T0));
            Assert.Equal(1, op.Replica.StoreFailures);
            Assert.Contains(op.Replica.LoadProblems, p => p.Contains("disk full", StringComparison.Ordinal));
        }

        [Fact]
        public void A_damaged_snapshot_is_set_aside_and_reported()
        {
            string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edgemesh-state-" + Guid.NewGuid().ToString("N"));
            try
            {
                using var fleet = new TestFleet();
                var store = new DirectoryStateStore(dir);
                TestFleet.Member op = fleet.Add(FleetRoles.Operator, store);
                op.Replica.Put("config/a", Utf8("1"), T0);
                op.Replica.Compact();
                store.Dispose();
                string snapshot = System.IO.Path.Combine(dir, "state.snapshot");
                byte[] bytes = System.IO.File.ReadAllBytes(snapshot);
                bytes[20] ^= 0x40;
                System.IO.File.WriteAllBytes(snapshot, bytes);
                using var reopened = new DirectoryStateStore(dir);
                var replica = new FleetStateReplica(op.Id, op.Keys.Keys, op.Certificate, fleet.Authority.PublicKey, reopened, T0 + 1);
                Assert.Single(replica.LoadProblems);
                Assert.True(System.IO.File.Exists(snapshot + ".corrupt"));
                Assert.Empty(replica.Get("config/a"));
            }
            finally
            {
                System.IO.Directory.Delete(dir, true);
            }
        }

        private sealed class FailingStore : IStateStore
        {
            public long LogBytes => 0;

            public bool TryAppend(ReadOnlySpan<byte> delta, out string error)
            {
                error = "disk full";
                return false;
            }

            public bool TryCompact(ReadOnlySpan<byte> state, out string error)
            {
                error = "disk full";
                return false;
            }

            public IReadOnlyList<byte[]> Load(ICollection<string> problems) => Array.Empty<byte[]>();
        }

        internal static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        internal static byte[] DeltaMessage(SignedMap delta)
        {
            var w = new StateWriter();
            SyncMessage.WriteHeader(w, SyncMessageKind.Delta, 1);
            delta.WriteTo(w);
            return w.ToArray();
        }

        internal static byte[] FullMessage(SignedMap state)
        {
            var w = new StateWriter();
            SyncMessage.WriteHeader(w, SyncMessageKind.Full, 1);
            state.WriteTo(w);
            return w.ToArray();
        }
    }
}

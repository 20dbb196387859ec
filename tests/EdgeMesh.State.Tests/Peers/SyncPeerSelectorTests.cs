using System.Collections.Generic;
using EdgeMesh.State.Peers;

namespace EdgeMesh.State.Tests.Peers
{
    public sealed class SyncPeerSelectorTests
    {
        [Fact]
        public void Links_are_capped_and_drawn_at_random_not_from_the_front_of_the_list()
        {
            var firstPicks = new Dictionary<ulong, int>();
            for (int seed = 0; seed < 200; seed++)
            {
                var s = new SyncPeerSelector(1, new SyncPeerOptions(), seed) { Synced = true };
                s.SetNeighbours(new ulong[] { 2, 3 });
                for (ulong p = 2; p <= 41; p++)
                {
                    s.ObserveAlive(p, 0);
                }

                SyncPeerPlan plan = s.Reconcile(0)!;
                Assert.Equal(3, plan.Add.Count);
                Assert.Equal(3, s.Links.Count);
                Assert.DoesNotContain(2UL, plan.Add);
                Assert.DoesNotContain(3UL, plan.Add);
                foreach (ulong p in plan.Add)
                {
                    firstPicks[p] = firstPicks.TryGetValue(p, out int n) ? n + 1 : 1;
                }
            }

            // 600 picks over 38 candidates: a list-order choice would hit 3 peers only.
            Assert.True(firstPicks.Count > 30, "picked only " + firstPicks.Count + " distinct peers");
            Assert.All(firstPicks.Values, n => Assert.True(n < 60));
        }

        [Fact]
        public void Dead_and_silent_peers_are_dropped_and_replaced_slow_peers_are_kept_but_paced()
        {
            var options = new SyncPeerOptions { MaxSupplementary = 2, RecentlyAliveMs = 10_000, ReconcileIntervalMs = 1_000 };
            var s = new SyncPeerSelector(1, options, 7) { Synced = true };
            s.ObserveAlive(10, 0);
            s.ObserveAlive(11, 0);
            s.Reconcile(0);
            Assert.Equal(new HashSet<ulong> { 10, 11 }, new HashSet<ulong>(s.Links));
            s.ObserveAlive(12, 5_000);
            s.ObserveAlive(11, 5_000);
            s.ObserveRoundTrip(11, 5_000);
            s.ObserveDead(10);
            SyncPeerPlan plan = s.Reconcile(5_000)!;
            Assert.Equal(new[] { 10UL }, plan.Remove);
            Assert.Equal(new[] { 12UL }, plan.Add);
            Assert.Contains((11UL, options.SlowPacingMs), plan.Pacing);
            Assert.Contains((12UL, 0L), plan.Pacing);
            Assert.Equal(1, s.LinksDropped);

            // Silence for longer than RecentlyAliveMs drops a link too; nothing is left to replace it.
            plan = s.Reconcile(16_000)!;
            Assert.Equal(2, plan.Remove.Count);
            Assert.Empty(s.Links);
            Assert.Null(s.Reconcile(16_500)); // not due
        }

        [Fact]
        public void A_new_node_syncs_with_a_rendezvous_node_first()
        {
            var s = new SyncPeerSelector(1, new SyncPeerOptions { MaxSupplementary = 1 }, 3);
            for (ulong p = 2; p < 50; p++)
            {
                s.ObserveAlive(p, 0, rendezvous: p == 33);
            }

            Assert.Equal(new[] { 33UL }, s.Reconcile(0)!.Add);
            s.Synced = true;
            s.ObserveAlive(33, 20_000);
            for (ulong p = 2; p < 50; p++)
            {
                s.ObserveAlive(p, 20_000);
            }

            // After the first sync the rendezvous node is an ordinary candidate: its link stays, and it still counts as rendezvous.
            Assert.Empty(s.Reconcile(20_000)!.Remove);
        }

        [Fact]
        public void The_candidate_table_is_bounded_and_counts_what_it_drops()
        {
            var s = new SyncPeerSelector(1, new SyncPeerOptions { MaxCandidates = 5 }, 1);
            for (ulong p = 2; p < 12; p++)
            {
                s.ObserveAlive(p, 0);
            }

            Assert.Equal(5, s.CandidatesDropped);
        }
    }
}

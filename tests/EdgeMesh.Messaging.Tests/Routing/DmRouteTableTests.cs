using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Routing
{
    public sealed class DmRouteTableTests
    {
        private static readonly NodeId Self = new NodeId(1);
        private static readonly NodeId Far = new NodeId(100);
        private static readonly NodeId A = new NodeId(2);
        private static readonly NodeId B = new NodeId(3);

        [Fact]
        public void Fresher_news_wins_then_shorter_paths_for_the_same_news()
        {
            var table = new DmRouteTable(Self, 8, 60_000);
            Assert.True(table.Observe(Far, 10, A, 3, 0)); // a new route
            Assert.False(table.Observe(Far, 10, B, 4, 1)); // same news, longer: ignored
            AssertRoute(table, A, 4, 1);
            Assert.False(table.Observe(Far, 10, B, 1, 2)); // same news, shorter: moves (not new)
            AssertRoute(table, B, 2, 2);
            Assert.False(table.Observe(Far, 9, A, 0, 3)); // older news: ignored
            AssertRoute(table, B, 2, 3);
            Assert.False(table.Observe(Far, 11, A, 5, 4)); // fresher news: wins even if longer
            AssertRoute(table, A, 6, 4);
            Assert.Equal(3, table.Changes);
        }

        [Fact]
        public void Routes_expire_without_news_and_news_on_the_same_path_extends_them()
        {
            var table = new DmRouteTable(Self, 8, 1_000);
            table.Observe(Far, 5, A, 0, 0);
            table.Observe(Far, 4, A, 2, 900); // older copy on the same path: keeps the facts, extends the life
            AssertRoute(table, A, 1, 1_899);
            Assert.False(table.TryGetNextHop(Far, 1_900, out _, out _));
            Assert.Equal(1, table.Expirations);
            Assert.True(table.Observe(Far, 1, B, 0, 2_000)); // after expiry anything opens a new route
        }

        [Fact]
        public void The_table_is_bounded_and_sweeps_and_invalidations_are_counted()
        {
            var table = new DmRouteTable(Self, 2, 1_000);
            table.Observe(new NodeId(10), 1, A, 0, 0);
            table.Observe(new NodeId(11), 1, A, 0, 10);
            table.Observe(new NodeId(12), 1, A, 0, 20);
            Assert.Equal(2, table.Count);
            Assert.Equal(1, table.Evictions);
            Assert.False(table.TryGetNextHop(new NodeId(10), 20, out _, out _));

            Assert.True(table.Invalidate(new NodeId(11)));
            Assert.False(table.Invalidate(new NodeId(11)));
            Assert.Equal(1, table.Invalidations);
            Assert.Equal(1_020, table.NextExpiryMs);
            table.Sweep(1_020);
            Assert.Equal(0, table.Count);
            Assert.Equal(long.MaxValue, table.NextExpiryMs);
        }

        [Fact]
        public void Frames_of_this_node_and_nonsense_teach_nothing()
        {
            var table = new DmRouteTable(Self, 2, 1_000);
            Assert.False(table.Observe(Self, 1, A, 0, 0));
            Assert.False(table.Observe(Far, 1, Self, 0, 0));
            Assert.False(table.Observe(Far, 1, default, 0, 0));
            Assert.False(table.Observe(Far, 1, A, 16, 0));
            Assert.Equal(0, table.Count);
        }

        [Fact]
        public void Inbox_topics_are_named_after_the_node()
        {
            var id = new NodeId(0xe53b5081efbff9cd);
            Assert.Equal("edgemesh/dm/inbox/e53b5081efbff9cd", DmInboxTopic.NameFor(id));
            Assert.Equal(TopicId.FromName("edgemesh/dm/inbox/e53b5081efbff9cd"), DmInboxTopic.IdFor(id));
            Assert.Equal(DmPathKind.GossipInbox, DmPath.Gossip(id).Kind);
            Assert.Equal("gossip inbox", DmPath.Gossip(id).ToString());
            Assert.Equal("direct via e53b5081efbff9cd", DmPath.Direct(id).ToString());
        }

        private static void AssertRoute(DmRouteTable table, NodeId hop, int distance, long nowMs)
        {
            Assert.True(table.TryGetNextHop(Far, nowMs, out NodeId next, out int d));
            Assert.Equal(hop, next);
            Assert.Equal(distance, d);
        }
    }
}

using System.Text;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Tests.Support;

namespace EdgeMesh.Messaging.Tests.Engine
{
    /// <summary>Taking a direct message in two steps: a lease, then a confirmation; an unconfirmed message comes back.</summary>
    public sealed class InboxLeaseTests
    {
        [Fact]
        public void A_leased_message_stays_stored_until_confirmed_and_a_second_confirmation_finds_nothing()
        {
            var inbox = new MemoryOutboxStore();
            using var fleet = new Fleet(2, inboxStores: i => i == 1 ? inbox : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).TakesMessages = false;
            DmRequestId id = fleet.SendText(0, 1, "lease me");
            fleet.Network.RunFor(1_000);

            Assert.True(fleet[1].TryLeaseMessage(fleet.Network.Now, 5_000, out DirectMessage? leased));
            Assert.Equal(id, leased.RequestId);
            Assert.Equal(0, fleet[1].InboxCount);
            Assert.Equal(1, fleet[1].LeasedCount);
            Assert.Equal(1, inbox.Count); // still on disk: a crash now loses nothing
            Assert.False(fleet[1].TryLeaseMessage(fleet.Network.Now, 5_000, out _));

            Assert.True(fleet[1].ConfirmMessage(id));
            Assert.Equal(0, inbox.Count);
            Assert.Equal(0, fleet[1].LeasedCount);
            Assert.False(fleet[1].ConfirmMessage(id));
            Assert.Equal(0, fleet[1].Count(DmCounter.LeasesExpired));
        }

        [Fact]
        public void An_unconfirmed_message_returns_to_the_inbox_when_its_lease_runs_out_and_a_late_confirmation_is_refused()
        {
            var inbox = new MemoryOutboxStore();
            using var fleet = new Fleet(2, inboxStores: i => i == 1 ? inbox : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).TakesMessages = false;
            DmRequestId first = fleet.SendText(0, 1, "one");
            DmRequestId second = fleet.SendText(0, 1, "two");
            fleet.Network.RunFor(1_000);
            DirectMessenger reader = fleet[1];
            Assert.True(reader.TryLeaseMessage(fleet.Network.Now, 2_000, out DirectMessage? a));
            Assert.True(reader.TryLeaseMessage(fleet.Network.Now, 2_000, out DirectMessage? b));
            Assert.Equal(new[] { first, second }, new[] { a.RequestId, b.RequestId });
            Assert.True(reader.NextDeadlineMs <= fleet.Network.Now + 2_000);

            fleet.Network.RunFor(1_999);
            Assert.Equal(0, reader.InboxCount);
            fleet.Network.RunFor(2);
            Assert.Equal(2, reader.InboxCount);
            Assert.Equal(0, reader.LeasedCount);
            Assert.Equal(2, reader.Count(DmCounter.LeasesExpired));
            Assert.False(reader.ConfirmMessage(first)); // too late: it is back in the inbox
            Assert.Equal(2, inbox.Count);

            // Handed out again in delivery order, then confirmed for good.
            Assert.True(reader.TryLeaseMessage(fleet.Network.Now, 2_000, out DirectMessage? again));
            Assert.Equal("one", Encoding.UTF8.GetString(again.Payload.Span));
            Assert.True(reader.ConfirmMessage(again.RequestId));
            Assert.Equal(1, inbox.Count);
        }

        [Fact]
        public void A_leased_unconfirmed_message_is_restored_after_a_restart()
        {
            var inbox = new MemoryOutboxStore();
            using var fleet = new Fleet(2, inboxStores: i => i == 1 ? inbox : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).TakesMessages = false;
            DmRequestId id = fleet.SendText(0, 1, "crash before confirming");
            fleet.Network.RunFor(1_000);
            Assert.True(fleet[1].TryLeaseMessage(fleet.Network.Now, 60_000, out _));

            DirectMessenger restarted = fleet.Restart(1, new MemoryOutboxStore(), inbox);
            Assert.Equal(1, restarted.RestoreInbox(fleet.Network.Now).Resumed);
            Assert.True(restarted.TryLeaseMessage(fleet.Network.Now, 1_000, out DirectMessage? back));
            Assert.Equal(id, back.RequestId);
        }

        [Fact]
        public void Leased_messages_count_against_the_inbox_capacity()
        {
            using var fleet = new Fleet(2, new DmOptions { InboxCapacity = 1, DefaultLifetimeMs = 20_000 });
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).TakesMessages = false;
            fleet.SendText(0, 1, "fills the inbox");
            fleet.Network.RunFor(1_000);
            Assert.True(fleet[1].TryLeaseMessage(fleet.Network.Now, 60_000, out _));
            fleet.SendText(0, 1, "no room while the first is leased");
            fleet.Network.RunFor(1_000);
            Assert.True(fleet[1].Refused(DmRefusal.InboxFull) >= 1);
            Assert.Equal(0, fleet[1].InboxCount);
        }
    }
}

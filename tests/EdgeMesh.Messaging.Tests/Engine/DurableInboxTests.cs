using System.IO;
using System.Linq;
using System.Text;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Tests.Support;

namespace EdgeMesh.Messaging.Tests.Engine
{
    public sealed class DurableInboxTests
    {
        [Fact]
        public void An_acknowledged_untaken_message_survives_a_recipient_restart_and_a_retry_is_not_delivered_twice()
        {
            using var temp = new TempDirectory();
            using var fleet = new Fleet(2, inboxStores: i => i == 1 ? new DirectoryOutboxStore(temp.Path, role: "inbox") : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).TakesMessages = false;
            DmRequestId id = fleet.SendText(0, 1, "keep me", lifetimeMs: 300_000);
            fleet.Node(0).Online = false; // the acknowledgement is lost: the sender will retry
            fleet.Network.RunFor(1_000);
            Assert.Equal(1, fleet[1].Count(DmCounter.AcksSent));
            Assert.Equal(new[] { id.ToString() + ".dm" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName).ToArray());

            DirectMessenger restarted = fleet.Restart(1, new MemoryOutboxStore(), new DirectoryOutboxStore(temp.Path, role: "inbox"));
            DmRestoreResult restored = restarted.RestoreInbox(fleet.Network.Now);
            Assert.Equal(1, restored.Resumed);
            Assert.Empty(restored.Problems);
            Assert.Equal(1, restarted.InboxCount);
            Assert.Equal(1, restarted.Count(DmCounter.InboxRestored));

            fleet.Node(0).Online = true;
            fleet.Network.RunFor(30_000);
            Assert.Equal(1, restarted.Refused(DmRefusal.Duplicate));
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.True(receipt.Attempts > 1);

            fleet.Node(1).TakesMessages = true;
            fleet.Network.RunFor(1);
            DirectMessage message = Assert.Single(fleet.Node(1).Received);
            Assert.Equal(id, message.RequestId);
            Assert.Equal(fleet.Id(0), message.Sender);
            Assert.Equal("keep me", Encoding.UTF8.GetString(message.Payload.Span));
            Assert.Equal(DmPathKind.None, message.Path);
            Assert.Empty(Directory.GetFiles(temp.Path));
        }

        [Fact]
        public void A_taken_message_is_gone_from_the_store_and_not_reloaded()
        {
            var inbox = new MemoryOutboxStore();
            using var fleet = new Fleet(2, inboxStores: i => i == 1 ? inbox : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).TakesMessages = false;
            fleet.SendText(0, 1, "one");
            fleet.SendText(0, 1, "two");
            fleet.Network.RunFor(1_000);
            Assert.Equal(2, inbox.Count);
            Assert.True(fleet[1].TryTakeMessage(out DirectMessage? first));
            Assert.Equal("one", Encoding.UTF8.GetString(first.Payload.Span));
            Assert.Equal(1, inbox.Count);

            DirectMessenger restarted = fleet.Restart(1, new MemoryOutboxStore(), inbox);
            Assert.Equal(1, restarted.RestoreInbox(fleet.Network.Now).Resumed);
            Assert.True(restarted.TryTakeMessage(out DirectMessage? second));
            Assert.Equal("two", Encoding.UTF8.GetString(second.Payload.Span));
            Assert.False(restarted.TryTakeMessage(out _));
            Assert.Equal(0, inbox.Count);
        }

        [Fact]
        public void A_message_the_inbox_store_cannot_persist_is_not_acknowledged_and_is_counted()
        {
            using var fleet = new Fleet(2, new DmOptions { DefaultLifetimeMs = 20_000 }, inboxStores: i => i == 1 ? new FailingStore() : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.SendText(0, 1, "nowhere to keep it");
            fleet.Network.RunFor(25_000);
            Assert.Empty(fleet.Node(1).Received);
            Assert.Equal(0, fleet[1].Count(DmCounter.AcksSent));
            Assert.True(fleet[1].Count(DmCounter.InboxSaveFailures) >= 2);
            Assert.Equal(fleet[1].Count(DmCounter.InboxSaveFailures), fleet[1].Refused(DmRefusal.InboxFull));
            Assert.Equal(DmReceiptStatus.TimedOut, Assert.Single(fleet.Node(0).Receipts).Status);
        }
    }
}

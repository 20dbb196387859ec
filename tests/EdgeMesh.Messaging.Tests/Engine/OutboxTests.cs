using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EdgeMesh.Messaging.Storage;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Messaging.Tests.Engine
{
    public sealed class OutboxTests
    {
        [Fact]
        public void A_full_outbox_refuses_new_sends_with_a_clear_error_until_entries_expire()
        {
            using var fleet = new Fleet(2, new DmOptions { OutboxCapacity = 2, DefaultLifetimeMs = 30_000 });
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).Online = false;
            fleet.SendText(0, 1, "one");
            fleet.SendText(0, 1, "two");

            DmSendResult refused = fleet[0].Send(fleet.Id(1), Encoding.UTF8.GetBytes("three"), fleet.Network.Now);
            Assert.False(refused.IsQueued);
            Assert.Equal(DmSendError.OutboxFull, refused.Error);
            Assert.Contains("outbox is full", refused.Message, StringComparison.Ordinal);
            Assert.True(refused.RequestId.IsEmpty);
            Assert.Equal(1, fleet[0].SendRefused(DmSendError.OutboxFull));
            Assert.Equal(2, fleet[0].OutboxCount);

            fleet.Network.RunFor(30_000);
            Assert.Equal(0, fleet[0].OutboxCount);
            Assert.Equal(2, fleet.Node(0).Receipts.Count(r => r.Status == DmReceiptStatus.TimedOut));
            Assert.True(fleet[0].Send(fleet.Id(1), Encoding.UTF8.GetBytes("three"), fleet.Network.Now).IsQueued);
        }

        [Fact]
        public void The_byte_bound_also_fills_the_outbox()
        {
            var options = new DmOptions { OutboxMaxBytes = 60_000 };
            using var fleet = new Fleet(2, options);
            Assert.True(fleet[0].Send(fleet.Id(1), new byte[40_000], fleet.Network.Now).IsQueued);
            DmSendResult refused = fleet[0].Send(fleet.Id(1), new byte[30_000], fleet.Network.Now);
            Assert.Equal(DmSendError.OutboxFull, refused.Error);
            Assert.True(fleet[0].Send(fleet.Id(1), new byte[10_000], fleet.Network.Now).IsQueued);
        }

        [Fact]
        public void Payloads_up_to_48_KiB_are_taken_and_larger_ones_refused_with_a_clear_error()
        {
            using var fleet = new Fleet(2);
            Assert.True(fleet[0].Send(fleet.Id(1), new byte[DmLimits.MaxPayloadBytes], fleet.Network.Now).IsQueued);

            DmSendResult refused = fleet[0].Send(fleet.Id(1), new byte[DmLimits.MaxPayloadBytes + 1], fleet.Network.Now);
            Assert.Equal(DmSendError.PayloadTooLarge, refused.Error);
            Assert.Contains("49153 bytes", refused.Message, StringComparison.Ordinal);
            Assert.Contains("48 KiB", refused.Message, StringComparison.Ordinal);
            Assert.Equal(1, fleet[0].OutboxCount);
        }

        [Fact]
        public void Bad_recipients_and_lifetimes_are_refused()
        {
            using var fleet = new Fleet(1);
            var stranger = new NodeId(0x0102030405060708);
            Assert.Equal(DmSendError.RecipientKeyUnknown, fleet[0].Send(stranger, new byte[1], fleet.Network.Now).Error);
            Assert.Equal(DmSendError.InvalidRecipient, fleet[0].Send(default, new byte[1], fleet.Network.Now).Error);
            Assert.Equal(DmSendError.InvalidLifetime, fleet[0].Send(fleet.Id(0), new byte[1], fleet.Network.Now, lifetimeMs: 600_001).Error);
            Assert.Equal(DmSendError.InvalidLifetime, fleet[0].Send(fleet.Id(0), new byte[1], fleet.Network.Now, lifetimeMs: -5).Error);
            Assert.Equal(0, fleet[0].OutboxCount);
        }

        [Fact]
        public void A_store_that_cannot_save_makes_the_send_fail_instead_of_pretending()
        {
            using var fleet = new Fleet(2, stores: i => new FailingStore());
            DmSendResult refused = fleet[0].Send(fleet.Id(1), new byte[10], fleet.Network.Now);
            Assert.Equal(DmSendError.StorageFailed, refused.Error);
            Assert.Equal("disk full", refused.Message);
            Assert.Equal(0, fleet[0].OutboxCount);
            Assert.Empty(fleet.Network.Sent);
        }

        [Fact]
        public void A_pending_message_survives_a_sender_restart_and_is_delivered_exactly_once()
        {
            using var temp = new TempDirectory();
            using var fleet = new Fleet(2, stores: i => i == 0 ? new DirectoryOutboxStore(temp.Path) : null);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).Online = false;
            DmRequestId id = fleet.SendText(0, 1, "survive the reboot", lifetimeMs: 300_000);
            fleet.Network.RunFor(20_000);
            Assert.Equal(new[] { id.ToString() + ".dm" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName).ToArray());

            DirectMessenger restarted = fleet.Restart(0, new DirectoryOutboxStore(temp.Path));
            fleet.Node(1).Online = true;
            DmRestoreResult restored = restarted.RestoreOutbox(fleet.Network.Now);
            Assert.Equal(1, restored.Resumed);
            Assert.Empty(restored.Problems);
            fleet.Network.RunFor(60_000);

            DirectMessage message = Assert.Single(fleet.Node(1).Received);
            Assert.Equal(id, message.RequestId);
            Assert.Equal("survive the reboot", Encoding.UTF8.GetString(message.Payload.Span));
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(1, receipt.Attempts);
            Assert.Empty(Directory.GetFiles(temp.Path));
        }

        [Fact]
        public void A_message_that_expired_while_the_sender_was_down_gets_a_timeout_receipt_at_restart()
        {
            var store = new MemoryOutboxStore();
            using var fleet = new Fleet(2, stores: i => i == 0 ? store : null);
            fleet.Node(1).Online = false;
            DmRequestId id = fleet.SendText(0, 1, "stale", lifetimeMs: 10_000);

            DirectMessenger restarted = fleet.Restart(0, store);
            DmRestoreResult restored = restarted.RestoreOutbox(fleet.Network.Now + 10_000);
            Assert.Equal(0, restored.Resumed);
            Assert.Equal(1, restored.Expired);
            Assert.True(restarted.TryTakeReceipt(out DmReceipt receipt));
            Assert.Equal(id, receipt.RequestId);
            Assert.Equal(DmReceiptStatus.TimedOut, receipt.Status);
            Assert.Equal(0, receipt.Attempts);
            Assert.Equal(0, store.Count);
        }

        [Fact]
        public void Stored_messages_of_another_identity_are_reported_and_left_alone()
        {
            var store = new MemoryOutboxStore();
            using var fleet = new Fleet(2, stores: i => store);
            fleet.Node(1).Online = false;
            fleet.SendText(0, 1, "mine");

            DmRestoreResult restored = fleet[1].RestoreOutbox(fleet.Network.Now);
            Assert.Equal(0, restored.Resumed);
            Assert.Contains("was not sealed by this node", Assert.Single(restored.Problems), StringComparison.Ordinal);
            Assert.Equal(1, store.Count);
            Assert.Equal(1, fleet[1].Count(DmCounter.RestoreDiscarded));
        }
    }
}

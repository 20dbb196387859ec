using System.Linq;
using System.Text;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Messaging.Tests.Support;
using EdgeMesh.Protocol.Payloads;

namespace EdgeMesh.Messaging.Tests.Engine
{
    public sealed class DeliveryTests
    {
        [Fact]
        public void A_message_to_itself_goes_through_loopback_and_is_acknowledged_at_once()
        {
            using var fleet = new Fleet(1);
            DmRequestId id = fleet.SendText(0, 0, "note to self");

            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(id, receipt.RequestId);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(DmPathKind.Loopback, receipt.Path);
            Assert.Equal(1, receipt.Attempts);
            DirectMessage message = Assert.Single(fleet.Node(0).Received);
            Assert.Equal("note to self", Encoding.UTF8.GetString(message.Payload.Span));
            Assert.Equal(DmPathKind.Loopback, message.Path);
            Assert.Empty(fleet.Network.Sent);
            Assert.Equal(0, fleet[0].OutboxCount);
        }

        [Fact]
        public void Without_a_route_the_first_attempt_uses_the_inbox_topic_and_the_ack_comes_back()
        {
            using var fleet = new Fleet(2);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            DmRequestId id = fleet.SendText(0, 1, "mission 7: survey sector B");
            fleet.Network.RunFor(1_000);

            DirectMessage message = Assert.Single(fleet.Node(1).Received);
            Assert.Equal(id, message.RequestId);
            Assert.Equal(fleet.Id(0), message.Sender);
            Assert.Equal(PayloadType.Text, message.ContentType);
            Assert.Equal("mission 7: survey sector B", Encoding.UTF8.GetString(message.Payload.Span));
            Assert.Equal(DmPathKind.GossipInbox, message.Path);

            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(DmPathKind.GossipInbox, receipt.Path);
            Assert.Equal(1, receipt.Attempts);
            Assert.Equal("accepted", receipt.StatusText);
            Assert.Equal(0, fleet[0].OutboxCount);
            Assert.Equal(DmInboxTopic.IdFor(fleet.Id(1)), fleet.Network.Sent[0].Transmission.Path.Topic);
        }

        [Fact]
        public void A_DM_crosses_a_five_hop_chain_on_learned_routes()
        {
            using var fleet = new Fleet(6);
            fleet.Network.Chain(Enumerable.Range(0, 6).Select(fleet.Id).ToArray());
            fleet.Network.Beacon(fleet.Id(5));
            fleet.Network.RunFor(100);

            fleet.SendText(0, 5, "map tile 12/2048/1361 please");
            fleet.Network.RunFor(1_000);

            Assert.Single(fleet.Node(5).Received);
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(DmPathKind.Direct, receipt.Path);
            Assert.Equal(1, receipt.Attempts);
            Assert.True(fleet[0].Routes.TryGetNextHop(fleet.Id(5), fleet.Network.Now, out var next, out int distance));
            Assert.Equal(fleet.Id(1), next);
            Assert.Equal(5, distance);
            Assert.Equal(0, fleet.Network.RelayDrops);
        }

        [Fact]
        public void A_48_KiB_message_crosses_a_lossy_mesh_exactly_once()
        {
            var options = new DmOptions { DefaultLifetimeMs = 600_000 };
            using var fleet = new Fleet(4, options, seed: 7);
            fleet.Network.Chain(fleet.Id(0), fleet.Id(1), fleet.Id(2), fleet.Id(3));
            fleet.Network.Link(fleet.Id(0), fleet.Id(2));
            fleet.Network.LossRate = 0.10;
            byte[] payload = new byte[DmLimits.MaxPayloadBytes];
            new Random(3).NextBytes(payload);

            DmSendResult sent = fleet[0].Send(fleet.Id(3), payload, fleet.Network.Now);
            Assert.True(sent.IsQueued, sent.Message);
            fleet.Network.RunFor(600_000);

            DirectMessage message = Assert.Single(fleet.Node(3).Received);
            Assert.Equal(payload, message.Payload.ToArray());
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.True(fleet[0].Count(DmCounter.FragmentsSent) >= 49, "a 48 KiB envelope needs 49 fragments of 1 KiB");
            Assert.Equal(0, fleet[0].OutboxCount);
        }

        [Fact]
        public void A_lost_acknowledgement_leads_to_a_retry_that_is_acknowledged_but_not_delivered_again()
        {
            using var fleet = new Fleet(2);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            int acksDropped = 0;
            fleet.Network.Interceptor = (from, transmission, packet) => transmission.Kind == DmPacketKind.Ack && acksDropped++ == 0 ? null : packet;

            fleet.SendText(0, 1, "only once, please");
            fleet.Network.RunFor(60_000);

            Assert.Single(fleet.Node(1).Received);
            Assert.Equal(1, fleet[1].Refused(DmRefusal.Duplicate));
            Assert.Equal(2, fleet[1].Count(DmCounter.AcksSent));
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(2, receipt.Attempts);
            Assert.Equal(1, fleet[0].Count(DmCounter.Retries));
        }

        [Fact]
        public void A_recipient_offline_for_a_while_gets_the_message_exactly_once_when_it_returns()
        {
            using var fleet = new Fleet(3);
            fleet.Network.Chain(fleet.Id(0), fleet.Id(1), fleet.Id(2));
            fleet.Node(2).Online = false;
            fleet.SendText(0, 2, "return to base when you can");
            fleet.Network.RunFor(45_000);
            Assert.Empty(fleet.Node(2).Received);
            Assert.Empty(fleet.Node(0).Receipts);
            Assert.Equal(1, fleet[0].OutboxCount);

            fleet.Node(2).Online = true;
            fleet.Network.Beacon(fleet.Id(2));
            fleet.Network.RunFor(200_000);

            Assert.Single(fleet.Node(2).Received);
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(DmPathKind.Direct, receipt.Path);
            // The attempt running when it came back timed out at 47 s; the new route was tried at once, without backoff.
            Assert.InRange(receipt.CompletedAtMs - TestIdentities.Epoch, 47_000, 47_100);
            Assert.Equal(1, fleet[0].Count(DmCounter.Expedited));
            Assert.Equal(0, fleet[0].OutboxCount);
        }

        [Fact]
        public void A_message_backing_off_goes_at_once_when_its_recipient_reappears()
        {
            using var fleet = new Fleet(2, new DmOptions { BackoffBaseMs = 20_000 });
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).Online = false;
            fleet.SendText(0, 1, "waiting for you");
            fleet.Network.RunFor(15_000); // the first attempt timed out at 10 s; the next is due at 30 s

            fleet.Node(1).Online = true;
            fleet.Network.Beacon(fleet.Id(1));
            fleet.Network.RunFor(1_000);

            Assert.Single(fleet.Node(1).Received);
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(2, receipt.Attempts);
            Assert.Equal(DmPathKind.Direct, receipt.Path);
            Assert.Equal(1, fleet[0].Count(DmCounter.Expedited));
        }

        [Fact]
        public void A_recipient_that_never_returns_gives_a_timeout_receipt_and_frees_the_outbox_at_expiry()
        {
            using var fleet = new Fleet(2);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).Online = false;
            DmRequestId id = fleet.SendText(0, 1, "are you there?");
            fleet.Network.RunFor(119_999);
            Assert.Empty(fleet.Node(0).Receipts);
            Assert.Equal(1, fleet[0].OutboxCount);

            fleet.Network.RunFor(1);
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(id, receipt.RequestId);
            Assert.Equal(DmReceiptStatus.TimedOut, receipt.Status);
            Assert.Equal("timeout", receipt.StatusText);
            Assert.Equal(TestIdentities.Epoch + 120_000, receipt.CompletedAtMs);
            Assert.Equal(0, fleet[0].OutboxCount);
            Assert.Equal(0, fleet[0].OutboxBytes);
            Assert.Equal(long.MaxValue, fleet[0].NextDeadlineMs);
        }

        [Fact]
        public void A_full_inbox_is_not_acknowledged_so_the_sender_retries_until_there_is_room()
        {
            using var fleet = new Fleet(2, new DmOptions { InboxCapacity = 1 });
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Node(1).TakesMessages = false;
            fleet.SendText(0, 1, "first");
            fleet.SendText(0, 1, "second");
            fleet.Network.RunFor(5_000);
            Assert.Equal(1, fleet[1].InboxCount);
            Assert.Equal(1, fleet[1].Refused(DmRefusal.InboxFull));
            Assert.Single(fleet.Node(0).Receipts);

            fleet.Node(1).TakesMessages = true;
            fleet.Network.RunFor(60_000);
            Assert.Equal(new[] { "first", "second" }, fleet.Node(1).Received.Select(m => Encoding.UTF8.GetString(m.Payload.Span)).ToArray());
            Assert.All(fleet.Node(0).Receipts, r => Assert.Equal(DmReceiptStatus.Accepted, r.Status));
            Assert.Equal(2, fleet.Node(0).Receipts[1].Attempts);
        }

        [Fact]
        public void A_route_that_stops_working_is_dropped_and_the_retry_goes_through_the_inbox_topic()
        {
            using var fleet = new Fleet(5);
            // 0 - 1 - 2 is the short way; 0 - 3 - 4 - 2 the long way round.
            fleet.Network.Chain(fleet.Id(0), fleet.Id(1), fleet.Id(2));
            fleet.Network.Chain(fleet.Id(0), fleet.Id(3), fleet.Id(4), fleet.Id(2));
            fleet.Network.Beacon(fleet.Id(2));
            fleet.Network.RunFor(100);
            Assert.True(fleet[0].Routes.TryGetNextHop(fleet.Id(2), fleet.Network.Now, out var hop, out _));
            Assert.Equal(fleet.Id(1), hop);

            fleet.Node(1).Online = false;
            fleet.SendText(0, 2, "take the long way");
            fleet.Network.RunFor(30_000);

            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(DmPathKind.GossipInbox, receipt.Path);
            Assert.Equal(2, receipt.Attempts);
            Assert.Equal(1, fleet[0].Count(DmCounter.RouteFailures));
            Assert.Single(fleet.Node(2).Received);
        }
    }
}

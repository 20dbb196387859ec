using System.Linq;
using EdgeMesh.Messaging.Tests.Support;

namespace EdgeMesh.Messaging.Tests.Engine
{
    /// <summary>Attempt timeouts, exponential backoff, caps and expiry, on an injected clock.</summary>
    public sealed class RetryTimingTests
    {
        [Fact]
        public void Attempts_follow_the_timeout_and_doubling_backoff_until_expiry_with_the_defaults()
        {
            using var fleet = new Fleet(2);
            fleet.Node(1).Online = false;
            fleet.SendText(0, 1, "ping");
            fleet.Network.RunFor(200_000);

            // attempt k starts when attempt k-1 timed out (10 s) plus 2^(k-2) s of backoff.
            long[] starts = fleet.Network.Sent.Select(s => (s.Time - TestIdentities.Epoch) / 1000).ToArray();
            Assert.Equal(new long[] { 0, 11, 23, 37, 55, 81 }, starts);
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.TimedOut, receipt.Status);
            Assert.Equal(6, receipt.Attempts);
            Assert.Equal(TestIdentities.Epoch + 120_000, receipt.CompletedAtMs);
            Assert.Equal(5, fleet[0].Count(DmCounter.Retries));
        }

        [Fact]
        public void The_backoff_is_capped_and_the_deadline_is_exact()
        {
            var options = new DmOptions { AttemptTimeoutMs = 2_000, BackoffBaseMs = 500, BackoffMaxMs = 3_000, DefaultLifetimeMs = 600_000, MaxAttempts = 6 };
            using var fleet = new Fleet(2, options);
            fleet.Node(1).Online = false;
            fleet.SendText(0, 1, "ping");

            Assert.Equal(TestIdentities.Epoch + 2_000, fleet[0].NextDeadlineMs);
            fleet.Network.RunFor(100_000);

            // Starts: 0; +2 s +0.5 s; +2 s +1 s; +2 s +2 s; +2 s +3 s (capped); +2 s +3 s.
            long[] starts = fleet.Network.Sent.Select(s => s.Time - TestIdentities.Epoch).ToArray();
            Assert.Equal(new long[] { 0, 2_500, 5_500, 9_500, 14_500, 19_500 }, starts);
            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.TimedOut, receipt.Status);
            Assert.Equal(6, receipt.Attempts);
            Assert.Equal(TestIdentities.Epoch + 21_500, receipt.CompletedAtMs); // the last attempt's timeout, long before expiry
        }

        [Fact]
        public void An_acknowledgement_during_the_backoff_ends_the_message_without_another_attempt()
        {
            using var fleet = new Fleet(2);
            fleet.Network.Link(fleet.Id(0), fleet.Id(1));
            fleet.Network.LatencyMs = 5_200; // the acknowledgement arrives 10.4 s after the send, during the 1 s backoff
            fleet.SendText(0, 1, "slow link");
            fleet.Network.RunFor(10_500);

            DmReceipt receipt = Assert.Single(fleet.Node(0).Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(1, receipt.Attempts);
            Assert.Equal(TestIdentities.Epoch + 10_400, receipt.CompletedAtMs);
            fleet.Network.RunFor(60_000);
            Assert.Single(fleet.Network.Sent, s => s.Transmission.Kind == DmPacketKind.Fragment);
        }

        [Fact]
        public void Nothing_is_scheduled_when_nothing_is_pending()
        {
            using var fleet = new Fleet(1);
            Assert.Equal(long.MaxValue, fleet[0].NextDeadlineMs);
            fleet[0].Tick(TestIdentities.Epoch);
            Assert.Equal(long.MaxValue, fleet[0].NextDeadlineMs);
        }
    }
}

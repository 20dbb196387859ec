using System.Collections.Generic;
using System.Linq;
using System.Text;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Simulation;

namespace EdgeMesh.Gossip.Tests.Simulation
{
    /// <summary>
    /// The real direct-message engine on the seeded network simulator: a 5-hop chain, a lossy mesh,
    /// a recipient that is away for a while and one that never comes back (docs/direct-messages.md §9.2).
    /// </summary>
    public sealed class DirectMessageScenarioTests
    {
        private static LinkModel Links(double loss = 0, ulong seed = 1)
        {
            return new LinkModel { LossRate = loss, LatencyMinUs = 2_000, LatencyMaxUs = 10_000, JitterMeanUs = 1_000, Seed = seed };
        }

        private static string Text(DirectMessage message)
        {
            return Encoding.UTF8.GetString(message.Payload.Span);
        }

        [Fact]
        public void A_message_crosses_a_five_hop_chain_and_its_ack_comes_back()
        {
            using var scenario = new DirectMessageScenario(6, new DmOptions(), Links(), 7);
            scenario.LinkChain();
            scenario.ScheduleSend(100, 0, 5, Encoding.UTF8.GetBytes("hello end of chain"));
            scenario.RunUntilMs(60_000);

            Assert.Equal(new[] { "hello end of chain" }, scenario[5].Received.Select(Text));
            Assert.Equal(scenario.Id(0), scenario[5].Received[0].Sender);
            DmReceipt receipt = Assert.Single(scenario[0].Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(scenario.Id(5), receipt.Recipient);
            Assert.True(receipt.Path is DmPathKind.Direct or DmPathKind.GossipInbox, receipt.Path.ToString());
            Assert.True(receipt.Attempts >= 1);
            Assert.Equal(0, scenario[0].Messenger.OutboxCount);
            for (int relay = 1; relay < 5; relay++)
            {
                Assert.Empty(scenario[relay].Received); // relays carry the message but cannot read it
            }
        }

        [Theory]
        [InlineData(21UL)]
        [InlineData(22UL)]
        public void Every_message_in_a_mesh_with_ten_percent_loss_is_delivered_exactly_once_and_acknowledged(ulong seed)
        {
            using var scenario = LossyMesh(seed, out Dictionary<int, List<string>> expected);
            scenario.RunUntilMs(600_000);

            for (int node = 0; node < scenario.NodeCount; node++)
            {
                List<string> received = scenario[node].Received.Select(Text).OrderBy(t => t, StringComparer.Ordinal).ToList();
                List<string> wanted = expected.GetValueOrDefault(node, new List<string>()).OrderBy(t => t, StringComparer.Ordinal).ToList();
                Assert.Equal(wanted, received);
                Assert.Equal(3, scenario[node].Receipts.Count);
                Assert.All(scenario[node].Receipts, r => Assert.Equal(DmReceiptStatus.Accepted, r.Status));
                Assert.Equal(0, scenario[node].Messenger.OutboxCount);
            }

            Assert.True(scenario.HopsLost > 0, "the loss model dropped hops");
            Assert.True(Enumerable.Range(0, scenario.NodeCount).Sum(i => scenario[i].Messenger.Count(DmCounter.Retries)) > 0, "loss made some attempts fail");
        }

        [Fact]
        public void A_recipient_that_is_away_for_a_while_gets_the_message_exactly_once_when_back()
        {
            var options = new DmOptions { DefaultLifetimeMs = 300_000 };
            using var scenario = new DirectMessageScenario(4, options, Links(), 3);
            scenario.LinkChain();
            scenario.ScheduleOffline(3, 0, 90_000); // several attempt timeouts and backoffs, well inside the lifetime
            scenario.ScheduleSend(1_000, 0, 3, Encoding.UTF8.GetBytes("are you back?"));
            scenario.RunUntilMs(89_000);
            Assert.Empty(scenario[3].Received);
            Assert.Empty(scenario[0].Receipts);
            Assert.True(scenario[0].Messenger.Count(DmCounter.Retries) >= 3, "retried while the recipient was away");

            scenario.RunUntilMs(300_000);
            Assert.Equal(new[] { "are you back?" }, scenario[3].Received.Select(Text));
            DmReceipt receipt = Assert.Single(scenario[0].Receipts);
            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.True(receipt.Attempts > 1);
            Assert.Equal(0, scenario[0].Messenger.OutboxCount);
        }

        [Fact]
        public void A_recipient_that_never_comes_back_times_out_and_the_outbox_is_freed_at_expiry()
        {
            var options = new DmOptions { DefaultLifetimeMs = 30_000 };
            using var scenario = new DirectMessageScenario(4, options, Links(), 4);
            scenario.LinkChain();
            scenario.ScheduleOffline(3, 0, -1);
            scenario.ScheduleSend(1_000, 0, 3, Encoding.UTF8.GetBytes("anyone?"));
            scenario.RunUntilMs(20_000);
            Assert.Equal(1, scenario[0].Messenger.OutboxCount);
            Assert.Empty(scenario[0].Receipts);

            scenario.RunUntilMs(45_000);
            DmReceipt receipt = Assert.Single(scenario[0].Receipts);
            Assert.Equal(DmReceiptStatus.TimedOut, receipt.Status);
            Assert.InRange(receipt.CompletedAtMs, DirectMessageScenario.EpochMs + 31_000, DirectMessageScenario.EpochMs + 45_000);
            Assert.Equal(0, scenario[0].Messenger.OutboxCount);
            Assert.Empty(scenario[3].Received);
        }

        [Fact]
        public void The_same_seed_gives_the_same_trace_hash()
        {
            string Run(ulong seed)
            {
                using DirectMessageScenario scenario = LossyMesh(seed, out _);
                scenario.RunUntilMs(120_000);
                return scenario.Simulator.Trace.ToString();
            }

            Assert.Equal(Run(5), Run(5));
            Assert.NotEqual(Run(5), Run(6));
        }

        /// <summary>A 3 × 4 grid with 10 % loss per hop; every node sends 3 messages; node 5 is away for the first minute.</summary>
        private static DirectMessageScenario LossyMesh(ulong seed, out Dictionary<int, List<string>> expected)
        {
            var scenario = new DirectMessageScenario(12, new DmOptions { DefaultLifetimeMs = 600_000 }, Links(0.10, seed), seed);
            scenario.LinkGrid(4);
            scenario.ScheduleOffline(5, 0, 60_000);
            var random = new Random((int)seed);
            expected = new Dictionary<int, List<string>>();
            int sent = 0;
            for (int from = 0; from < scenario.NodeCount; from++)
            {
                foreach (int to in Enumerable.Range(0, scenario.NodeCount).Where(t => t != from).OrderBy(_ => random.Next()).Take(3))
                {
                    string text = "from " + from + " to " + to + " #" + sent++;
                    scenario.ScheduleSend(10 + sent, from, to, Encoding.UTF8.GetBytes(text));
                    (expected.TryGetValue(to, out List<string>? list) ? list : expected[to] = new List<string>()).Add(text);
                }
            }

            return scenario;
        }
    }
}

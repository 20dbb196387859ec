using System.Collections.Generic;
using System.Linq;
using System.Text;
using EdgeMesh.Messaging.Tests.Support;

namespace EdgeMesh.Messaging.Tests.Engine
{
    /// <summary>
    /// Many messages at once on the deterministic test network: a 3 × 4 grid with 10 % loss per hop,
    /// routes learned only from the traffic itself, a node that is away for a minute, and a
    /// 10-minute lifetime so that retries have time to beat the loss.
    /// </summary>
    public sealed class MeshScenarioTests
    {
        private const int Columns = 4;
        private const int Rows = 3;

        [Theory]
        [InlineData(11)]
        [InlineData(12)]
        public void Every_message_in_a_lossy_grid_is_delivered_exactly_once_and_acknowledged(int seed)
        {
            using var fleet = new Fleet(Rows * Columns, new DmOptions { DefaultLifetimeMs = 600_000 }, seed);
            fleet.Network.LossRate = 0.10;
            for (int i = 0; i < Rows * Columns; i++)
            {
                if (i % Columns != Columns - 1)
                {
                    fleet.Network.Link(fleet.Id(i), fleet.Id(i + 1));
                }

                if (i + Columns < Rows * Columns)
                {
                    fleet.Network.Link(fleet.Id(i), fleet.Id(i + Columns));
                }
            }

            // Node 5 is away while the messages start and comes back after a minute.
            fleet.Node(5).Online = false;
            var random = new Random(seed);
            var expected = new Dictionary<int, List<string>>();
            int sent = 0;
            for (int from = 0; from < Rows * Columns; from++)
            {
                foreach (int to in Enumerable.Range(0, Rows * Columns).Where(t => t != from).OrderBy(_ => random.Next()).Take(3))
                {
                    string text = "from " + from + " to " + to + " #" + sent++;
                    fleet.SendText(from, to, text);
                    (expected.TryGetValue(to, out List<string>? list) ? list : expected[to] = new List<string>()).Add(text);
                }
            }

            fleet.Network.RunFor(60_000);
            fleet.Node(5).Online = true;
            fleet.Network.Beacon(fleet.Id(5));
            fleet.Network.RunFor(540_000);

            for (int node = 0; node < Rows * Columns; node++)
            {
                List<string> received = fleet.Node(node).Received.Select(m => Encoding.UTF8.GetString(m.Payload.Span)).OrderBy(t => t, StringComparer.Ordinal).ToList();
                List<string> wanted = expected.GetValueOrDefault(node, new List<string>()).OrderBy(t => t, StringComparer.Ordinal).ToList();
                Assert.Equal(wanted, received); // each exactly once: retries and gossip copies are never delivered twice
                Assert.Equal(3, fleet.Node(node).Receipts.Count);
                Assert.All(fleet.Node(node).Receipts, r => Assert.Equal(DmReceiptStatus.Accepted, r.Status));
                Assert.Equal(0, fleet[node].OutboxCount);
            }

            Assert.True(Enumerable.Range(0, Rows * Columns).Sum(i => fleet[i].Count(DmCounter.Retries)) > 0, "loss and the absent node made some attempts fail");
        }
    }
}

using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Messaging;
using EdgeMesh.Messaging.Routing;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Security.Admission;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Direct messages through two in-process nodes on loopback: the daemon's wiring, counters and HTTP API.</summary>
    public sealed class DirectMessageNodeTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task TwoNodesExchangeADirectMessageThatIsAcknowledgedDeliveredOnceAndCounted()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            (MeshNode a, MeshNode b) = StartPair(nodes, fleet);

            DmReceipt receipt = await SendAsync(a, b, "hello b");

            Assert.Equal(DmReceiptStatus.Accepted, receipt.Status);
            Assert.Equal(DmPathKind.Direct, receipt.Path);
            Assert.Equal(1, receipt.Attempts);
            DirectMessage message = Assert.Single(b.TakeDirectMessages(10));
            Assert.Equal(a.Id, message.Sender);
            Assert.Equal("hello b", Text(message));
            Assert.Empty(b.TakeDirectMessages(10));
            Assert.Equal(1, b.GetStatus().Counters.Direct["dm_delivered"]);
            Assert.Equal(1, a.GetStatus().Counters.Direct["dm_receipts_accepted"]);
            Assert.Equal(0, a.GetStatus().Counters.Direct["dm_outbox_messages"]);
            Assert.False(b.GetStatus().Counters.Dropped.ContainsKey(nameof(RuntimeCounter.UnsupportedKind)));
        }

        [Fact]
        public async Task ARecipientsAllowListRejectsOtherSendersWithASignedReason()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            NodeConfig picky = nodes.LoopbackConfig();
            picky.Dm.AllowFrom = new() { "0123456789abcdef" };
            MeshNode a = nodes.Start(nodes.CreateNodeDirectory(fleet, "a"), nodes.LoopbackConfig());
            MeshNode b = nodes.Start(nodes.CreateNodeDirectory(fleet, "b"), picky);
            Assert.True(SpinWait.SpinUntil(() => Knows(a, b) && Knows(b, a), Patience), "the nodes did not meet");

            DmReceipt receipt = await SendAsync(a, b, "let me in");

            Assert.Equal(DmReceiptStatus.Rejected, receipt.Status);
            Assert.Equal(DmRejectReason.NotAllowed, receipt.Reason);
            Assert.Equal("NotAllowed", DirectMessageApi.FromReceipt(receipt).Reason);
            Assert.Empty(b.TakeDirectMessages(10));
            Assert.Equal(1, b.GetStatus().Counters.Direct["dm_refused_policy_rejected"]);
        }

        [Fact]
        public async Task AMessageToItselfGoesThroughLoopback()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            MeshNode a = nodes.Start(nodes.CreateNodeDirectory(fleet, "a"), nodes.LoopbackConfig());

            DmReceipt receipt = await SendAsync(a, a, "note to self");

            Assert.Equal(DmPathKind.Loopback, receipt.Path);
            Assert.Equal("note to self", Text(Assert.Single(a.TakeDirectMessages(10))));
        }

        [Fact]
        public async Task AnAcceptedMessageNobodyTookIsStillInTheInboxAfterARestartExactlyOnce()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            string dir = nodes.CreateNodeDirectory(fleet, "a");
            MeshNode a = nodes.Start(dir, nodes.LoopbackConfig());
            Assert.Equal(DmReceiptStatus.Accepted, (await SendAsync(a, a, "read me after the reboot")).Status);
            await a.StopAsync();
            a.Dispose();

            MeshNode restarted = nodes.Start(dir, nodes.LoopbackConfig());
            DirectMessage message = Assert.Single(restarted.TakeDirectMessages(10));
            Assert.Equal("read me after the reboot", Text(message));
            Assert.Equal(1, restarted.GetStatus().Counters.Direct["dm_inbox_restored"]);
            Assert.Empty(Directory.GetFiles(Path.Combine(dir, "dm-inbox")));
        }

        [Fact]
        public async Task TheHttpApiSendsWaitsForTheReceiptServesTheInboxAndRefusesBadInputClearly()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            NodeConfig small = nodes.LoopbackConfig();
            small.Dm.OutboxCapacity = 1;
            string dirA = nodes.CreateNodeDirectory(fleet, "a");
            MeshNode a = nodes.Start(dirA, small);
            MeshNode b = nodes.Start(nodes.CreateNodeDirectory(fleet, "b"), nodes.LoopbackConfig());
            Assert.True(SpinWait.SpinUntil(() => Knows(a, b) && Knows(b, a), Patience), "the nodes did not meet");
            await using LocalApi apiA = await StartApi(a, small, dirA);
            await using LocalApi apiB = await StartApi(b, nodes.LoopbackConfig(), dirA);
            using var httpA = new HttpClient { BaseAddress = new Uri("http://" + apiA.EndPoint) };
            using var httpB = new HttpClient { BaseAddress = new Uri("http://" + apiB.EndPoint) };

            Task<HttpResponseMessage> poll = httpB.GetAsync(new Uri("/v1/dm/inbox?wait=10", UriKind.Relative));
            using HttpResponseMessage sent = await httpA.PostAsJsonAsync("/v1/dm", new DmSendRequest { Recipient = b.Id.ToString(), Text = "over http", Timeout = 10 });
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            using JsonDocument receipt = JsonDocument.Parse(await sent.Content.ReadAsStringAsync());
            Assert.Equal("accepted", receipt.RootElement.GetProperty("status").GetString());
            Assert.Equal("direct", receipt.RootElement.GetProperty("path").GetString());
            Assert.Equal(1, receipt.RootElement.GetProperty("attempts").GetInt32());
            using JsonDocument inbox = JsonDocument.Parse(await (await poll).Content.ReadAsStringAsync());
            JsonElement received = Assert.Single(inbox.RootElement.EnumerateArray());
            Assert.Equal("over http", received.GetProperty("text").GetString());
            Assert.Equal(a.Id.ToString(), received.GetProperty("sender").GetString());
            Assert.Equal(receipt.RootElement.GetProperty("requestId").GetString(), received.GetProperty("requestId").GetString());

            await AssertRefused(httpA, new DmSendRequest { Recipient = "not-an-id", Text = "x" }, HttpStatusCode.BadRequest, "InvalidRecipient");
            await AssertRefused(httpA, new DmSendRequest { Recipient = b.Id.ToString(), Text = "x", Base64 = "eA==" }, HttpStatusCode.BadRequest, "InvalidArgument");
            await AssertRefused(httpA, new DmSendRequest { Recipient = b.Id.ToString(), Base64 = Convert.ToBase64String(new byte[DmLimits.MaxPayloadBytes + 1]) }, HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge");
            await AssertRefused(httpA, new DmSendRequest { Recipient = "0123456789abcdef", Text = "x" }, HttpStatusCode.NotFound, "RecipientKeyUnknown");
            Assert.True(SpinWait.SpinUntil(() => ApiRefusals(a, 400) == 2 && ApiRefusals(a, 413) == 1 && ApiRefusals(a, 404) == 1, Patience), "refused API requests were not counted by status code");

            // B goes away: the next message waits in A's one-message outbox, which then refuses another.
            await b.StopAsync();
            b.Dispose();
            using HttpResponseMessage queued = await httpA.PostAsJsonAsync("/v1/dm", new DmSendRequest { Recipient = b.Id.ToString(), Text = "later", Timeout = 0 });
            Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            Assert.Contains("\"status\":\"queued\"", await queued.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await AssertRefused(httpA, new DmSendRequest { Recipient = b.Id.ToString(), Text = "one too many" }, HttpStatusCode.ServiceUnavailable, "OutboxFull");
            Assert.Equal(1, a.GetStatus().Counters.Direct["dm_send_refused_outbox_full"]);
            Assert.True(SpinWait.SpinUntil(() => ApiRefusals(a, 503) == 1, Patience), "the 503 was not counted");
        }

        private static long ApiRefusals(MeshNode node, int statusCode)
        {
            return node.GetStatus().Counters.Rejected.TryGetValue("api_" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out long count) ? count : 0;
        }

        internal static (MeshNode A, MeshNode B) StartPair(TestNodes nodes, FleetAuthority fleet)
        {
            MeshNode a = nodes.Start(nodes.CreateNodeDirectory(fleet, "a"), nodes.LoopbackConfig());
            MeshNode b = nodes.Start(nodes.CreateNodeDirectory(fleet, "b"), nodes.LoopbackConfig());
            Assert.True(SpinWait.SpinUntil(() => Knows(a, b) && Knows(b, a), Patience), "the nodes did not meet");
            return (a, b);
        }

        internal static async Task<DmReceipt> SendAsync(MeshNode from, MeshNode to, string text)
        {
            DmSendResult sent = from.SendDirect(to.Id, PayloadType.Text, TextPayload(text));
            Assert.True(sent.IsQueued, sent.Message);
            using var timeout = new CancellationTokenSource(Patience);
            return await from.WaitForReceiptAsync(sent.RequestId, timeout.Token);
        }

        internal static byte[] TextPayload(string text)
        {
            byte[]? payload = MessageEvents.ToPayload(new PublishRequest { Text = text }, out _, out string error);
            Assert.True(payload != null, error);
            return payload!;
        }

        internal static string? Text(DirectMessage message)
        {
            return DirectMessageApi.ToEvent(message).Text;
        }

        private static bool Knows(MeshNode node, MeshNode other)
        {
            return node.GetPeers().Any(p => p.Id == other.Id.ToString());
        }

        internal static async Task<LocalApi> StartApi(MeshNode node, NodeConfig config, string dir)
        {
            Assert.True(LocalApi.TryCreate(node, config, dir, LogLevel.None, out LocalApi? api, out string error), error);
            await api!.StartAsync(CancellationToken.None);
            return api;
        }

        private static async Task AssertRefused(HttpClient http, DmSendRequest request, HttpStatusCode expected, string reason)
        {
            using HttpResponseMessage response = await http.PostAsJsonAsync("/v1/dm", request);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, response.StatusCode + " " + body);
            using JsonDocument json = JsonDocument.Parse(body);
            Assert.Equal("rejected", json.RootElement.GetProperty("status").GetString());
            Assert.Equal(reason, json.RootElement.GetProperty("reason").GetString());
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetString()));
        }
    }
}

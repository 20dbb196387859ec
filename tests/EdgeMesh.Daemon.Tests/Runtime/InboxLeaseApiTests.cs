using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Messaging;
using EdgeMesh.Security.Admission;

namespace EdgeMesh.Daemon.Tests.Runtime
{
    /// <summary>Taking direct messages over the local API in two steps: nothing is lost when the reader never gets the answer.</summary>
    public sealed class InboxLeaseApiTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task AMessageWhoseInboxResponseNeverReachedTheClientComesBackAndIsGoneOnlyAfterConfirmation()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            (MeshNode a, MeshNode b) = DirectMessageNodeTests.StartPair(nodes, fleet);
            await using LocalApi api = await DirectMessageNodeTests.StartApi(b, nodes.LoopbackConfig(), nodes.CreateNodeDirectory(fleet, "api"));
            Assert.Equal(DmReceiptStatus.Accepted, (await DirectMessageNodeTests.SendAsync(a, b, "do not lose me")).Status);
            Assert.Equal(1, Direct(b, "dm_inbox_messages"));

            // A reader asks for the inbox and goes away before reading the answer (a crash, a dropped link).
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(api.EndPoint.Address, api.EndPoint.Port);
                byte[] request = Encoding.ASCII.GetBytes("GET /v1/dm/inbox?lease=1 HTTP/1.1\r\nHost: edgemesh\r\nConnection: close\r\n\r\n");
                await client.GetStream().WriteAsync(request);
                Assert.True(SpinWait.SpinUntil(() => Direct(b, "dm_inbox_leased") == 1, Patience), "the node did not hand the message out");
                client.Client.Close(0); // reset: the response has nowhere to go
            }

            // Its lease runs out and it is back, counted.
            Assert.True(SpinWait.SpinUntil(() => Direct(b, "dm_inbox_messages") == 1, Patience), "the unconfirmed message did not come back");
            Assert.Equal(1, Direct(b, "dm_leases_expired"));
            Assert.Equal(0, Direct(b, "dm_inbox_leased"));

            using var http = new HttpClient { BaseAddress = new Uri("http://" + api.EndPoint) };
            using JsonDocument again = JsonDocument.Parse(await http.GetStringAsync(new Uri("/v1/dm/inbox?lease=1", UriKind.Relative)));
            JsonElement message = Assert.Single(again.RootElement.EnumerateArray());
            Assert.Equal("do not lose me", message.GetProperty("text").GetString());
            Assert.True(message.GetProperty("leaseExpiresAtMs").GetInt64() > 0);
            string requestId = message.GetProperty("requestId").GetString()!;

            using HttpResponseMessage confirmed = await http.PostAsJsonAsync("/v1/dm/inbox/confirm", new DmConfirmRequest { RequestIds = new() { requestId } }, ApiJsonContext.Default.DmConfirmRequest);
            using JsonDocument answer = JsonDocument.Parse(await confirmed.Content.ReadAsStringAsync());
            Assert.Equal(1, answer.RootElement.GetProperty("confirmed").GetInt32());

            // Confirmed: it does not come back after the lease, and a second confirmation finds nothing.
            await Task.Delay(1_500);
            Assert.Equal(0, Direct(b, "dm_inbox_messages"));
            Assert.Equal(1, Direct(b, "dm_leases_expired"));
            using JsonDocument empty = JsonDocument.Parse(await http.GetStringAsync(new Uri("/v1/dm/inbox", UriKind.Relative)));
            Assert.Empty(empty.RootElement.EnumerateArray());
            using HttpResponseMessage twice = await http.PostAsJsonAsync("/v1/dm/inbox/confirm", new DmConfirmRequest { RequestIds = new() { requestId } }, ApiJsonContext.Default.DmConfirmRequest);
            using JsonDocument none = JsonDocument.Parse(await twice.Content.ReadAsStringAsync());
            Assert.Equal(0, none.RootElement.GetProperty("confirmed").GetInt32());
            Assert.Equal(1, none.RootElement.GetProperty("notLeased").GetInt32());

            using HttpResponseMessage bad = await http.PostAsJsonAsync("/v1/dm/inbox/confirm", new DmConfirmRequest { RequestIds = new() { "not-an-id" } }, ApiJsonContext.Default.DmConfirmRequest);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        }

        private static long Direct(MeshNode node, string counter)
        {
            return node.GetStatus().Counters.Direct.TryGetValue(counter, out long value) ? value : 0;
        }
    }
}

using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Daemon.Tests.Runtime;
using EdgeMesh.Security.Admission;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Tests.Api
{
    public sealed class LocalApiTests
    {
        [Fact]
        public void ANonLoopbackAddressIsRefusedWithoutATokenFile()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            string dir = nodes.CreateNodeDirectory(fleet, "a");
            NodeConfig config = Quiet(nodes);
            MeshNode node = nodes.Start(dir, config);
            config.Api = "0.0.0.0:0";
            Assert.False(LocalApi.TryCreate(node, config, dir, LogLevel.None, out LocalApi? api, out string error));
            Assert.Null(api);
            Assert.Contains("apiTokenFile", error, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(dir, "short.token"), "abc");
            config.ApiTokenFile = "short.token";
            Assert.False(LocalApi.TryCreate(node, config, dir, LogLevel.None, out _, out error));
            Assert.Contains("at least 16", error, StringComparison.Ordinal);
        }

        [Fact]
        public async Task WithATokenEveryRequestNeedsItAndStatusMetricsAndPublishAnswer()
        {
            using var nodes = new TestNodes();
            using FleetAuthority fleet = FleetAuthority.Generate();
            string dir = nodes.CreateNodeDirectory(fleet, "a");
            NodeConfig config = Quiet(nodes);
            MeshNode node = nodes.Start(dir, config);
            const string token = "0123456789abcdef0123";
            File.WriteAllText(Path.Combine(dir, "api.token"), token + "\n");
            config.ApiTokenFile = "api.token";
            Assert.True(LocalApi.TryCreate(node, config, dir, LogLevel.None, out LocalApi? api, out string error), error);
            await using (api)
            {
                await api!.StartAsync(CancellationToken.None);
                using var http = new HttpClient { BaseAddress = new Uri("http://" + api.EndPoint) };
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/v1/status", UriKind.Relative))).StatusCode);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token-wrong-token");
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);

                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                string status = await http.GetStringAsync(new Uri("/v1/status", UriKind.Relative));
                Assert.Contains("\"nodeId\":\"" + node.Id + "\"", status, StringComparison.Ordinal);
                string metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                Assert.Contains("# TYPE edgemesh_frames_in_total counter", metrics, StringComparison.Ordinal);
                Assert.Contains("edgemesh_uptime_seconds ", metrics, StringComparison.Ordinal);

                using var bad = new StringContent("{\"topic\":\"t\"}", System.Text.Encoding.UTF8, "application/json");
                Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync(new Uri("/v1/publish", UriKind.Relative), bad)).StatusCode);
                using var noMesh = new StringContent("{\"topic\":\"t\",\"text\":\"hi\"}", System.Text.Encoding.UTF8, "application/json");
                HttpResponseMessage response = await http.PostAsync(new Uri("/v1/publish", UriKind.Relative), noMesh);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Contains("NoMeshProtocol", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                await api.StopAsync();
            }
        }

        private static NodeConfig Quiet(TestNodes nodes)
        {
            NodeConfig config = nodes.LoopbackConfig();
            config.Discovery.Enabled = false;
            return config;
        }
    }
}

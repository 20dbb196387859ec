using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Daemon.Tests.Runtime;
using EdgeMesh.Security.Admission;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Tests.Api
{
    /// <summary>Every HTTP error of the local API carries <c>{ error, detail }</c>, including the ones the framework answers.</summary>
    public sealed class ApiErrorBodyTests : IAsyncLifetime
    {
        private const string Token = "0123456789abcdef0123";
        private readonly TestNodes _nodes = new();
        private readonly FleetAuthority _fleet = FleetAuthority.Generate();
        private LocalApi? _api;
        private HttpClient _http = new();
        private MeshNode? _node;

        public async Task InitializeAsync()
        {
            string dir = _nodes.CreateNodeDirectory(_fleet, "a");
            NodeConfig config = _nodes.LoopbackConfig();
            config.Discovery.Enabled = false;
            File.WriteAllText(Path.Combine(dir, "api.token"), Token);
            config.ApiTokenFile = "api.token";
            _node = _nodes.Start(dir, config);
            Assert.True(LocalApi.TryCreate(_node, config, dir, LogLevel.None, out _api, out string error), error);
            await _api!.StartAsync(CancellationToken.None);
            _http = new HttpClient { BaseAddress = new Uri("http://" + _api.EndPoint) };
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        public async Task DisposeAsync()
        {
            _http.Dispose();
            if (_api != null)
            {
                await _api.StopAsync();
                await _api.DisposeAsync();
            }

            _nodes.Dispose();
            _fleet.Dispose();
        }

        [Theory]
        [InlineData("POST", "/v1/publish", "{\"topic\": \"t\", \"text\": ", "application/json", 400, "not valid JSON")]
        [InlineData("POST", "/v1/publish", "{\"topic\": 5, \"text\": \"hi\"}", "application/json", 400, "topic")]
        [InlineData("POST", "/v1/publish", "topic=t&text=hi", "application/x-www-form-urlencoded", 415, "Content-Type: application/json")]
        [InlineData("POST", "/v1/publish", "", null, 400, "JSON body")]
        [InlineData("POST", "/v1/dm", "[1,2]", "application/json", 400, "JSON")]
        [InlineData("GET", "/v1/nothing-here", null, null, 404, "no such route")]
        [InlineData("DELETE", "/v1/status", null, null, 405, "DELETE")]
        [InlineData("GET", "/v1/subscribe", null, null, 400, "topic")]
        [InlineData("GET", "/v1/dm/inbox?wait=-1", null, null, 400, "wait")]
        [InlineData("POST", "/v1/revocations", "not a list", "application/octet-stream", 400, "revocation")]
        public async Task EveryErrorHasAJsonBody(string method, string path, string? body, string? contentType, int status, string expected)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (body != null)
            {
                request.Content = new StringContent(body, Encoding.UTF8);
                request.Content.Headers.ContentType = contentType == null ? null : new MediaTypeHeaderValue(contentType);
            }

            using HttpResponseMessage response = await _http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, response.StatusCode + ": " + text);
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString() ?? string.Empty, StringComparison.Ordinal);
            using JsonDocument document = JsonDocument.Parse(text);
            string all = document.RootElement.GetProperty("error").GetString() + " " + (document.RootElement.TryGetProperty("detail", out JsonElement detail) ? detail.GetString() : string.Empty);
            Assert.Contains(expected, all, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AMissingAndAWrongTokenAreToldApart()
        {
            using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
            using HttpResponseMessage missing = await anonymous.GetAsync(new Uri("/v1/status", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Contains("required", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-wrong-wrong-wrong");
            using HttpResponseMessage wrong = await anonymous.GetAsync(new Uri("/v1/status", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            using JsonDocument body = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync());
            Assert.Contains("wrong", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ATextOverTheLimitIsTooLargeWhateverItsLength()
        {
            foreach (int length in new[] { 1_024, 120_000, 1 << 20 })
            {
                string json = JsonSerializer.Serialize(new PublishRequest { Topic = "t", Text = new string('x', length) }, ApiJsonContext.Default.PublishRequest);
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await _http.PostAsync(new Uri("/v1/publish", UriKind.Relative), content);
                Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
                PublishResponse answer = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ApiJsonContext.Default.PublishResponse)!;
                Assert.Equal("TooLarge", answer.Result);
                Assert.Contains("at most 1024", answer.Detail, StringComparison.Ordinal);
            }
        }
    }
}

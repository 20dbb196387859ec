using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Observability;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Daemon.Api
{
    /// <summary>
    /// The local HTTP API (docs/api.md): status, peers, publish, subscribe as server-sent events and
    /// Prometheus metrics. Binds loopback by default; a non-loopback address is refused unless a
    /// token file is configured, and then every request needs <c>Authorization: Bearer TOKEN</c>.
    /// Minimal API on the empty builder with source-generated JSON, so it publishes with NativeAOT.
    /// </summary>
    public sealed class LocalApi : IAsyncDisposable
    {
        private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

        private readonly WebApplication _app;
        private readonly NodeMetrics _metrics;
        private readonly PrometheusExporter _exporter;

        private LocalApi(WebApplication app, NodeMetrics metrics, PrometheusExporter exporter, IPEndPoint endPoint)
        {
            _app = app;
            _metrics = metrics;
            _exporter = exporter;
            EndPoint = endPoint;
        }

        /// <summary>The address the API listens on.</summary>
        public IPEndPoint EndPoint { get; private set; }

        /// <summary>
        /// Builds the API for <paramref name="node"/> on <see cref="NodeConfig.Api"/>. Refuses (false, with a
        /// message) a non-loopback address without <see cref="NodeConfig.ApiTokenFile"/>, and an empty or unreadable token file.
        /// </summary>
        public static bool TryCreate(MeshNode node, NodeConfig config, string directory, LogLevel logLevel, out LocalApi? api, out string error)
        {
            ArgumentNullException.ThrowIfNull(node);
            ArgumentNullException.ThrowIfNull(config);
            api = null;
            IPEndPoint? endPoint = PeerEndpoint.TryParse(config.Api, out PeerEndpoint? parsed, out error) ? parsed!.TryGetLiteral() : null;
            if (endPoint == null)
            {
                error = "api: '" + config.Api + "' must be an IP address and port" + (error.Length > 0 ? " (" + error + ")" : string.Empty);
                return false;
            }

            byte[]? token = null;
            if (config.ApiTokenFile != null && !TryReadToken(NodeConfig.ResolvePath(directory, config.ApiTokenFile), out token, out error))
            {
                return false;
            }

            if (!IPAddress.IsLoopback(endPoint.Address) && token == null)
            {
                error = "api: refusing to serve " + config.Api + " beyond this machine without a token; set apiTokenFile (a file with a long random token) or use a loopback address such as " + NodeConfig.DefaultApi;
                return false;
            }

            // The empty builder reads no configuration files or environment (and watches none): the
            // node's own edgemesh.json is the configuration. Kestrel and routing are all it needs.
            WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(endPoint));
            builder.Services.AddRoutingCore();
            NodeLogging.Configure(builder.Logging, logLevel);
            // A taken port is reported by `edgemesh run` in one line; the host's own error would add a stack trace.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
            // Binding failures (not JSON, wrong content type) throw, so ApiErrors answers them with a JSON body.
            builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
            WebApplication app = builder.Build();

            // Every refused request (bad input, unknown key, too large, no token) is counted by status code.
            app.Use(async (context, next) =>
            {
                await next(context).ConfigureAwait(false);
                node.CountApiResponse(context.Response.StatusCode);
            });
            ApiErrors.Use(app);
            if (token != null)
            {
                app.Use((context, next) => Authorized(context, token, out bool presented) ? next(context) : Refuse(context, presented));
            }

            var metrics = new NodeMetrics(node.GetStatus);
            var exporter = new PrometheusExporter(NodeMetrics.MeterName);
            Map(app, node, config, directory, metrics, exporter);
            api = new LocalApi(app, metrics, exporter, endPoint);
            return true;
        }

        /// <summary>Starts listening (throws <see cref="IOException"/> when the address is taken).</summary>
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await _app.StartAsync(cancellationToken).ConfigureAwait(false);
            if (EndPoint.Port == 0)
            {
                var addresses = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                    .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>();
                string? first = addresses?.Addresses.FirstOrDefault();
                if (first != null && Uri.TryCreate(first, UriKind.Absolute, out Uri? uri))
                {
                    EndPoint = new IPEndPoint(EndPoint.Address, uri.Port);
                }
            }
        }

        /// <summary>Stops accepting requests and ends open streams.</summary>
        public async Task StopAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        /// <inheritdoc />
        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _exporter.Dispose();
            _metrics.Dispose();
        }

        private static void Map(WebApplication app, MeshNode node, NodeConfig config, string directory, NodeMetrics metrics, PrometheusExporter exporter)
        {
            app.MapGet("/v1/status", () => Results.Json(node.GetStatus(), ApiJsonContext.Default.NodeStatus));
            app.MapGet("/v1/peers", () => Results.Json(node.GetPeers(), ApiJsonContext.Default.ListPeerInfo));
            app.MapPost("/v1/publish", (PublishRequest request) => Publish(node, config.MaxPayloadBytes, request));
            app.MapGet("/v1/subscribe", (HttpContext context) => StreamAsync(node, context));
            DirectMessageApi.Map(app, node);
            RevocationApi.Map(app, node);
            app.MapGet("/metrics", () =>
            {
                metrics.Refresh();
                return Results.Text(exporter.Scrape(), PrometheusExporter.ContentType);
            });
        }

        private static IResult Publish(MeshNode node, int maxPayloadBytes, PublishRequest request)
        {
            // Measured before encoding: a text too long for the Text codec must get the same answer
            // as one just over the limit, not "cannot be encoded".
            long textBytes = request.Text == null ? 0 : EdgeMesh.Protocol.Payloads.TextCodec.HeaderLength + (long)Encoding.UTF8.GetByteCount(request.Text);
            if (textBytes > maxPayloadBytes)
            {
                return TooLarge(textBytes, maxPayloadBytes);
            }

            byte[]? payload = MessageEvents.ToPayload(request, out ushort payloadType, out string error);
            if (payload == null)
            {
                return Results.Json(new PublishResponse { Result = "BadRequest", Error = error }, ApiJsonContext.Default.PublishResponse, statusCode: StatusCodes.Status400BadRequest);
            }

            if (payload.Length > maxPayloadBytes)
            {
                return TooLarge(payload.Length, maxPayloadBytes);
            }

            PublishResult result = node.Publish(request.Topic, payloadType, payload);
            int status = result switch
            {
                PublishResult.Published => StatusCodes.Status200OK,
                PublishResult.NoMeshProtocol => StatusCodes.Status503ServiceUnavailable,
                PublishResult.Refused => StatusCodes.Status503ServiceUnavailable,
                PublishResult.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status400BadRequest,
            };
            var response = new PublishResponse { Published = result == PublishResult.Published, Result = result.ToString() };
            if (!response.Published)
            {
                response.Error = result switch
                {
                    PublishResult.NoMeshProtocol => "this node has no membership/broadcast protocol attached",
                    PublishResult.TooLarge => "the payload exceeds maxPayloadBytes",
                    PublishResult.BadTopic => "the topic must be 1 to " + MeshNode.MaxTopicLength + " bytes",
                    _ => "the mesh protocol refused the message (queue or topic table full)",
                };
            }

            return Results.Json(response, ApiJsonContext.Default.PublishResponse, statusCode: status);
        }

        private static IResult TooLarge(long bytes, int maxPayloadBytes)
        {
            var response = new PublishResponse
            {
                Result = nameof(PublishResult.TooLarge),
                Error = "the payload exceeds maxPayloadBytes",
                Detail = "the payload is " + bytes + " bytes; this node accepts at most " + maxPayloadBytes + " (maxPayloadBytes in edgemesh.json)",
            };
            return Results.Json(response, ApiJsonContext.Default.PublishResponse, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        private static async Task StreamAsync(MeshNode node, HttpContext context)
        {
            string[] topics = context.Request.Query["topic"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToArray();
            if (topics.Length == 0)
            {
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "give at least one topic", "GET /v1/subscribe?topic=NAME[&topic=NAME2...]").ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            using Subscription subscription = node.Subscribe(topics);
            CancellationToken aborted = context.RequestAborted;
            await context.Response.WriteAsync(": subscribed\n\n", aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            var buffer = new MemoryStream();
            try
            {
                while (!aborted.IsCancellationRequested)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                    wait.CancelAfter(KeepAlive);
                    bool more;
                    try
                    {
                        more = await subscription.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                    {
                        await context.Response.WriteAsync(": keep-alive\n\n", aborted).ConfigureAwait(false);
                        await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                        continue;
                    }

                    if (!more)
                    {
                        return; // the node is stopping
                    }

                    while (subscription.Reader.TryRead(out MeshMessage? message))
                    {
                        buffer.SetLength(0);
                        buffer.Write("data: "u8);
                        JsonSerializer.Serialize(buffer, MessageEvents.From(message), ApiJsonContext.Default.MessageEvent);
                        buffer.Write("\n\n"u8);
                        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), aborted).ConfigureAwait(false);
                    }

                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away.
            }
        }

        private static bool Authorized(HttpContext context, byte[] token, out bool presented)
        {
            string header = context.Request.Headers.Authorization.ToString();
            presented = header.StartsWith("Bearer ", StringComparison.Ordinal);
            if (!presented)
            {
                return false;
            }

            byte[] given = Encoding.UTF8.GetBytes(header.Substring(7).Trim());
            return CryptographicOperations.FixedTimeEquals(given, token);
        }

        private static Task Refuse(HttpContext context, bool presented)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return presented
                ? ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "the bearer token is wrong", "it does not match this node's apiTokenFile")
                : ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "a bearer token is required", "send Authorization: Bearer TOKEN (the content of this node's apiTokenFile)");
        }

        private static bool TryReadToken(string path, out byte[]? token, out string error)
        {
            token = null;
            try
            {
                string text = File.ReadAllText(path).Trim();
                if (text.Length < 16)
                {
                    error = path + ": the API token must be at least 16 characters";
                    return false;
                }

                token = Encoding.UTF8.GetBytes(text);
                error = string.Empty;
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = path + ": " + e.Message;
                return false;
            }
        }
    }
}

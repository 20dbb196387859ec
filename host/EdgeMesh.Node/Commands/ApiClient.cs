using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeMesh.Node.Commands
{
    /// <summary>The client side of the local API for the status, peers, pub and sub commands.</summary>
    internal sealed class ApiClient : IDisposable
    {
        /// <summary>Environment variable with the API base URL.</summary>
        internal const string ApiVariable = "EDGEMESH_API";

        /// <summary>Environment variable with the API bearer token, when the API requires one.</summary>
        internal const string TokenVariable = "EDGEMESH_API_TOKEN";

        private readonly HttpClient _http;

        internal ApiClient(Uri baseAddress, TimeSpan timeout)
        {
            _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
            string? token = Environment.GetEnvironmentVariable(TokenVariable);
            if (!string.IsNullOrEmpty(token))
            {
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        /// <summary>The <c>--api URL</c> option every client command takes.</summary>
        internal static Option<string> CreateApiOption()
        {
            return new Option<string>("--api")
            {
                Description = "Base URL of the node's local API (default: $" + ApiVariable + ", else http://127.0.0.1:7400). A token, if required, is read from $" + TokenVariable + ".",
                DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : "http://127.0.0.1:7400",
            };
        }

        /// <summary>Parses the --api value; false after printing why.</summary>
        internal static bool TryCreate(ParseResult parse, Option<string> option, TimeSpan timeout, out ApiClient? client)
        {
            string text = parse.GetValue(option)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                parse.InvocationConfiguration.Error.WriteLine("edgemesh: error: --api: '" + text + "' is not an http:// URL");
                client = null;
                return false;
            }

            client = new ApiClient(uri, timeout);
            return true;
        }

        internal async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        {
            using HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false)
                ?? throw new ApiException("the node sent an empty answer");
        }

        internal async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        {
            using var content = new StringContent(JsonSerializer.Serialize(request, requestType), System.Text.Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 401)
            {
                throw new ApiException("the node requires a token: set " + TokenVariable);
            }

            try
            {
                return JsonSerializer.Deserialize(body, responseType) ?? throw new ApiException("the node sent an empty answer");
            }
            catch (JsonException)
            {
                throw new ApiException("HTTP " + (int)response.StatusCode + ": " + body.Trim());
            }
        }

        /// <summary>Opens a streaming GET (server-sent events); the caller reads lines until it has enough.</summary>
        internal async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenStreamAsync(string path, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            request.Dispose();
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return (response, new StreamReader(body));
        }

        public void Dispose()
        {
            _http.Dispose();
        }

        private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ApiException((int)response.StatusCode == 401
                ? "the node requires a token: set " + TokenVariable
                : "HTTP " + (int)response.StatusCode + ": " + body.Trim());
        }
    }
}

using System;
using System.CommandLine;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;

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
        private readonly bool _tokenGiven;

        internal ApiClient(Uri baseAddress, TimeSpan timeout)
        {
            _http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
            string? token = Environment.GetEnvironmentVariable(TokenVariable);
            _tokenGiven = !string.IsNullOrEmpty(token);
            if (_tokenGiven)
            {
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        /// <summary>Default API address when neither --api nor $EDGEMESH_API is given.</summary>
        internal const string DefaultApi = "http://127.0.0.1:7400";

        /// <summary>The <c>--api URL</c> option every client command takes; its help shows the value $EDGEMESH_API holds now.</summary>
        internal static Option<string> CreateApiOption()
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(ApiVariable);
            string source = fromEnvironment is { Length: > 0 }
                ? "default: " + fromEnvironment + " from $" + ApiVariable
                : "default: $" + ApiVariable + " when set, else " + DefaultApi;
            return new Option<string>("--api")
            {
                Description = "Base URL of the node's local API (" + source + "). A token, if required, is read from $" + TokenVariable + ".",
                DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ApiVariable) is { Length: > 0 } value ? value : DefaultApi,
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
            return await ReadAnswerAsync(response, responseType, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>POSTs raw bytes (application/octet-stream); the answer is <typeparamref name="TResponse"/> on success, an <see cref="ApiException"/> otherwise.</summary>
        internal async Task<TResponse> PostBytesAsync<TResponse>(string path, byte[] body, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using HttpResponseMessage response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return await ReadAnswerAsync(response, responseType, cancellationToken).ConfigureAwait(false);
        }

        private async Task<TResponse> ReadAnswerAsync<TResponse>(HttpResponseMessage response, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 401)
            {
                throw new ApiException(Unauthorized());
            }

            try
            {
                return JsonSerializer.Deserialize(body, responseType) ?? throw new ApiException("the node sent an empty answer");
            }
            catch (JsonException)
            {
                throw new ApiException(Describe((int)response.StatusCode, body));
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

        private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ApiException((int)response.StatusCode == 401 ? Unauthorized() : Describe((int)response.StatusCode, body));
        }

        /// <summary>A 401 means "no token" or "wrong token" depending on whether this client sent one.</summary>
        private string Unauthorized()
        {
            return _tokenGiven
                ? "the node refused the token in $" + TokenVariable + ": it is wrong (compare it with the node's apiTokenFile)"
                : "the node requires a token: set $" + TokenVariable + " to the content of its apiTokenFile";
        }

        /// <summary>"HTTP 409: sentence (detail)" from an API error body, or the raw body if it is not one.</summary>
        internal static string Describe(int status, string body)
        {
            try
            {
                ApiError? error = JsonSerializer.Deserialize(body, ApiJsonContext.Default.ApiError);
                if (error != null && error.Error.Length > 0)
                {
                    return "HTTP " + status + ": " + error.Error + (error.Detail == null ? string.Empty : " (" + error.Detail + ")");
                }
            }
            catch (JsonException)
            {
                // Not an API error body: show it as it came.
            }

            return "HTTP " + status + ": " + body.Trim();
        }
    }
}

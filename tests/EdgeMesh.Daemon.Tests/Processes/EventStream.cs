using System.IO;
using System.Net.Http;
using System.Text.Json;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>A subscription to a node's `/v1/subscribe` server-sent events.</summary>
    internal sealed class EventStream : IDisposable
    {
        private readonly HttpClient _client;
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private EventStream(HttpClient client, HttpResponseMessage response, StreamReader reader)
        {
            _client = client;
            _response = response;
            _reader = reader;
        }

        /// <summary>Subscribes and returns once the node confirmed the subscription.</summary>
        internal static async Task<EventStream> OpenAsync(Uri api, string topic, CancellationToken cancellationToken)
        {
            var client = new HttpClient { BaseAddress = api, Timeout = Timeout.InfiniteTimeSpan };
            HttpResponseMessage response = await client.GetAsync("/v1/subscribe?topic=" + Uri.EscapeDataString(topic), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var stream = new EventStream(client, response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
            string? line;
            while ((line = await stream._reader.ReadLineAsync(cancellationToken)) != null && line != ": subscribed")
            {
            }

            return stream;
        }

        /// <summary>The text of the next message event.</summary>
        internal async Task<string> NextTextAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                string line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("the node closed the stream");
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    using JsonDocument e = JsonDocument.Parse(line.AsMemory(6));
                    return e.RootElement.GetProperty("text").GetString()!;
                }
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
            _client.Dispose();
        }
    }
}

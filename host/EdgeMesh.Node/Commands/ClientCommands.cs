using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh status|peers|pub|sub</c>: clients of a running node's local API.</summary>
    internal static class ClientCommands
    {
        /// <summary>Longest --timeout of sub (what a cancellation timer can hold, rounded down).</summary>
        internal const double MaxWaitSeconds = 2_000_000;

        /// <summary>Most bytes pub reads from a file or stdin: past any node's maxPayloadBytes, so the node's own limit is what refuses.</summary>
        internal const int MaxInputBytes = 16 << 20;

        private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

        internal static IEnumerable<Command> All()
        {
            yield return CreateStatus();
            yield return CreatePeers();
            yield return CreatePub();
            yield return CreateSub();
        }

        private static Command CreateStatus()
        {
            Option<string> api = ApiClient.CreateApiOption();
            var json = new Option<bool>("--json") { Description = "Print the status as one JSON object (with --watch: one object per line, every second)." };
            var watch = new Option<bool>("--watch") { Description = "Refresh every second until Ctrl+C: a live table of peers on a terminal, one line per second otherwise." };
            var command = new Command("status", "Show a running node's id, mode, peers, uptime and counters.") { api, json, watch };
            command.SetAction((parse, token) => CallAsync(parse, api, async client =>
            {
                if (parse.GetValue(watch))
                {
                    return await StatusWatch.RunAsync(client, Cli.Out(parse), parse.GetValue(json), token).ConfigureAwait(false);
                }

                NodeStatus status = await client.GetAsync("/v1/status", ApiJsonContext.Default.NodeStatus, token).ConfigureAwait(false);
                TextWriter output = Cli.Out(parse);
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(status, ApiJsonContext.Default.NodeStatus));
                    return ExitCodes.Success;
                }

                output.WriteLine("node:     " + status.NodeId + " (" + status.Mode + ")");
                output.WriteLine("udp:      " + status.Udp + (status.Tcp == null ? string.Empty : "   tcp: " + status.Tcp));
                output.WriteLine("uptime:   " + status.UptimeSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
                output.WriteLine("mesh:     " + (status.MeshProtocol ? "attached" : "none (publish/subscribe unavailable)"));
                output.WriteLine("peers:    " + status.Peers.Count);
                output.WriteLine("frames:   in " + status.Counters.FramesIn + ", out " + status.Counters.FramesOut + ", delivered " + status.Counters.Delivered);
                WriteReasons(output, "dropped:  ", status.Counters.Dropped);
                WriteReasons(output, "rejected: ", status.Counters.Rejected);
                return ExitCodes.Success;
            }));
            return command;
        }

        private static Command CreatePeers()
        {
            Option<string> api = ApiClient.CreateApiOption();
            var json = new Option<bool>("--json") { Description = "Print the peers as a JSON array." };
            var command = new Command("peers", "List a running node's authenticated peers.") { api, json };
            command.SetAction((parse, token) => CallAsync(parse, api, async client =>
            {
                List<PeerInfo> peers = await client.GetAsync("/v1/peers", ApiJsonContext.Default.ListPeerInfo, token).ConfigureAwait(false);
                TextWriter output = Cli.Out(parse);
                if (parse.GetValue(json))
                {
                    output.WriteLine(JsonSerializer.Serialize(peers, ApiJsonContext.Default.ListPeerInfo));
                    return ExitCodes.Success;
                }

                output.WriteLine("ID                STATE    HEARD    ADDRESS");
                foreach (PeerInfo peer in peers)
                {
                    output.WriteLine(peer.Id + "  " + peer.State.PadRight(8) + " " + (peer.LastHeardMsAgo / 1000.0).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(5) + "s  " + peer.Address);
                }

                return ExitCodes.Success;
            }));
            return command;
        }

        private static Command CreatePub()
        {
            Option<string> api = ApiClient.CreateApiOption();
            var topic = new Argument<string>("TOPIC") { Description = "Topic name." };
            var text = new Argument<string>("TEXT") { Description = "Text to publish (a Text payload); - reads it from stdin.", Arity = ArgumentArity.ZeroOrOne };
            var file = new Option<string>("--file") { Description = "Publish the content of FILE instead of TEXT (as text; with --raw as bytes)." };
            var raw = new Option<bool>("--raw") { Description = "With --file or -: send the bytes unchanged as a Raw payload instead of text." };
            var command = new Command("pub", "Publish a message on a topic through a running node: TEXT, stdin (-) or --file FILE. A payload larger than the node's maxPayloadBytes is refused with the limit.") { api, topic, text, file, raw };
            command.SetAction((parse, token) =>
            {
                if (!TryReadPayload(parse, parse.GetValue(text), parse.GetValue(file), parse.GetValue(raw), out PublishRequest? request))
                {
                    return Task.FromResult(ExitCodes.Usage);
                }

                request!.Topic = parse.GetValue(topic)!;
                return CallAsync(parse, api, async client =>
                {
                    PublishResponse response = await client.PostAsync("/v1/publish", request, ApiJsonContext.Default.PublishRequest, ApiJsonContext.Default.PublishResponse, token).ConfigureAwait(false);
                    if (!response.Published)
                    {
                        return Cli.Fail(parse, "not published: " + response.Error + " (" + response.Result + (response.Detail == null ? string.Empty : ": " + response.Detail) + ")");
                    }

                    return ExitCodes.Success;
                });
            });
            return command;
        }

        private static Command CreateSub()
        {
            Option<string> api = ApiClient.CreateApiOption();
            var topic = new Argument<string[]>("TOPIC") { Description = "Topic name(s).", Arity = ArgumentArity.OneOrMore };
            Option<int> count = new Option<int>("--count") { Description = "Exit after this many messages (0: never)." }.InRange(0, int.MaxValue);
            Option<double> timeout = new Option<double>("--timeout") { Description = "Exit after this many seconds (0: never); exit code 5 if --count was not reached." }.InRange(0, MaxWaitSeconds);
            var json = new Option<bool>("--json") { Description = "One JSON object per line: topic, sender, payloadType, text or base64, timestampMs, latencyMs." };
            var command = new Command("sub", "Print messages on topics as they arrive through a running node.") { api, topic, count, timeout, json };
            command.SetAction((parse, token) => CallAsync(parse, api, async client =>
            {
                int wanted = parse.GetValue(count);
                double seconds = parse.GetValue(timeout);
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
                if (seconds > 0)
                {
                    deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
                }

                string query = "/v1/subscribe?" + string.Join("&", Array.ConvertAll(parse.GetValue(topic)!, t => "topic=" + Uri.EscapeDataString(t)));
                int received = 0;
                try
                {
                    (HttpResponseMessage response, StreamReader reader) = await client.OpenStreamAsync(query, deadline.Token).ConfigureAwait(false);
                    using (response)
                    using (reader)
                    {
                        received = await PrintEventsAsync(parse, reader, wanted, parse.GetValue(json), deadline.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    // --timeout reached: received holds what arrived.
                }

                return wanted > 0 && received < wanted && seconds > 0 ? ExitCodes.Timeout : ExitCodes.Success;
            }));
            return command;
        }

        /// <summary>The request for TEXT, - (stdin) or --file; false after printing a usage error.</summary>
        private static bool TryReadPayload(ParseResult parse, string? text, string? file, bool raw, out PublishRequest? request)
        {
            request = null;
            TextWriter error = parse.InvocationConfiguration.Error;
            if ((text == null) == (file == null))
            {
                error.WriteLine("edgemesh pub: give the payload as TEXT, as - (stdin) or with --file FILE (exactly one)");
                return false;
            }

            if (text != null && text != "-")
            {
                if (raw)
                {
                    error.WriteLine("edgemesh pub: --raw needs --file FILE or - (stdin)");
                    return false;
                }

                request = new PublishRequest { Text = text };
                return true;
            }

            byte[] bytes;
            try
            {
                using Stream input = file == null ? Console.OpenStandardInput() : File.OpenRead(file);
                bytes = ReadBounded(input);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine("edgemesh pub: " + (file ?? "stdin") + ": " + e.Message);
                return false;
            }

            if (bytes.Length > MaxInputBytes)
            {
                error.WriteLine("edgemesh pub: " + (file ?? "stdin") + " holds more than " + MaxInputBytes + " bytes; a payload is at most 65535 bytes (maxPayloadBytes, default 1024)");
                return false;
            }

            if (raw)
            {
                request = new PublishRequest { Base64 = Convert.ToBase64String(bytes) };
                return true;
            }

            try
            {
                request = new PublishRequest { Text = new System.Text.UTF8Encoding(false, true).GetString(bytes) };
                return true;
            }
            catch (System.Text.DecoderFallbackException)
            {
                error.WriteLine("edgemesh pub: " + (file ?? "stdin") + " is not UTF-8 text; add --raw to send the bytes unchanged");
                return false;
            }
        }

        /// <summary>Reads at most <see cref="MaxInputBytes"/> + 1 bytes (one more says "too long").</summary>
        private static byte[] ReadBounded(Stream input)
        {
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while (copy.Length <= MaxInputBytes && (read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }

        private static async Task<int> PrintEventsAsync(ParseResult parse, StreamReader reader, int wanted, bool json, CancellationToken token)
        {
            TextWriter output = Cli.Out(parse);
            int received = 0;
            while (wanted == 0 || received < wanted)
            {
                string? line = await reader.ReadLineAsync(token).ConfigureAwait(false);
                if (line == null)
                {
                    break; // the node stopped
                }

                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                received++;
                if (json)
                {
                    output.WriteLine(line.AsSpan(6));
                    continue;
                }

                MessageEvent? e = JsonSerializer.Deserialize(line.AsSpan(6), ApiJsonContext.Default.MessageEvent);
                if (e != null)
                {
                    output.WriteLine("[" + e.Topic + "] " + e.Sender + ": " + (e.Text ?? ("type " + e.PayloadType + " base64 " + e.Base64)) + "  (" + e.LatencyMs + " ms)");
                }
            }

            return received;
        }

        private static Task<int> CallAsync(ParseResult parse, Option<string> api, Func<ApiClient, Task<int>> call)
        {
            return CallAsync(parse, api, RequestTimeout, call);
        }

        /// <summary>Runs <paramref name="call"/> against the node's API; unreachable or failing nodes give exit code 4 with a message.</summary>
        internal static async Task<int> CallAsync(ParseResult parse, Option<string> api, TimeSpan requestTimeout, Func<ApiClient, Task<int>> call)
        {
            if (!ApiClient.TryCreate(parse, api, requestTimeout, out ApiClient? client))
            {
                return ExitCodes.Usage;
            }

            using (client)
            {
                try
                {
                    return await call(client!).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine("edgemesh: error: cannot reach the node at " + parse.GetValue(api) + ": " + e.Message + " (is `edgemesh run` running? see --api)");
                    return ExitCodes.Unavailable;
                }
                catch (ApiException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine("edgemesh: error: " + e.Message);
                    return ExitCodes.Unavailable;
                }
                catch (TaskCanceledException) when (!client!.Equals(null))
                {
                    parse.InvocationConfiguration.Error.WriteLine("edgemesh: error: the node at " + parse.GetValue(api) + " did not answer in time");
                    return ExitCodes.Unavailable;
                }
            }
        }

        private static void WriteReasons(TextWriter output, string label, Dictionary<string, long> reasons)
        {
            if (reasons.Count == 0)
            {
                return;
            }

            var parts = new List<string>();
            foreach (KeyValuePair<string, long> pair in reasons)
            {
                parts.Add(pair.Key + " " + pair.Value);
            }

            output.WriteLine(label + string.Join(", ", parts));
        }
    }
}

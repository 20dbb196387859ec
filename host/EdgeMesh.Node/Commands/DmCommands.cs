using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Security.Identity;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// <c>edgemesh send</c> and <c>edgemesh inbox</c>: direct messages through a running node's local API
    /// (docs/api.md, docs/direct-messages.md). Exit codes: 0 acknowledged / read, 1 rejected, 2 usage,
    /// 4 node unreachable, 5 no acknowledgement (or fewer than --count messages) in time.
    /// </summary>
    internal static class DmCommands
    {
        /// <summary>Extra time the HTTP call gets beyond the wait it asks the node for.</summary>
        private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

        internal static IEnumerable<Command> All()
        {
            yield return CreateSend();
            yield return CreateInbox();
        }

        private static Command CreateSend()
        {
            Option<string> api = ApiClient.CreateApiOption();
            var node = new Argument<string>("NODE_ID") { Description = "The recipient's node id (16 or 64 hex digits; `edgemesh status` or `edgemesh peers` show ids)." };
            var text = new Argument<string>("TEXT") { Description = "Text to send, end-to-end encrypted (at most 48 KiB)." };
            var timeout = new Option<double>("--timeout")
            {
                Description = "Seconds to wait for the acknowledgement (default 30). When it ends first, the node keeps retrying until the message expires; exit code 5.",
                DefaultValueFactory = _ => DirectMessageApi.DefaultTimeoutSeconds,
            };
            var lifetime = new Option<double>("--lifetime") { Description = "Seconds until the message expires (default: the node's dm.defaultLifetimeSeconds, 120; at most 600)." };
            var json = new Option<bool>("--json") { Description = "Print the outcome as one JSON object: status (accepted|rejected|timeout), requestId, recipient, path, attempts, reason, error." };
            var command = new Command("send", "Send a direct message to one node and wait for its signed acknowledgement. Exit code 0 only when acknowledged.") { api, node, text, timeout, lifetime, json };
            command.SetAction((parse, token) =>
            {
                double seconds = parse.GetValue(timeout);
                double life = parse.GetValue(lifetime);
                if (!NodeIds.TryParse(parse.GetValue(node), out _))
                {
                    return Usage(parse, "NODE_ID: '" + parse.GetValue(node) + "' is not a node id (16 or 64 hex digits)");
                }

                if (!(seconds >= 0 && seconds <= DirectMessageApi.MaxWaitSeconds) || !(life >= 0 && life <= 600))
                {
                    return Usage(parse, "--timeout must be 0.." + DirectMessageApi.MaxWaitSeconds + " seconds and --lifetime 0..600 seconds (0: the node's default)");
                }

                return ClientCommands.CallAsync(parse, api, TimeSpan.FromSeconds(seconds) + Margin, async client =>
                {
                    var request = new DmSendRequest
                    {
                        Recipient = parse.GetValue(node)!,
                        Text = parse.GetValue(text)!,
                        Timeout = seconds,
                        Lifetime = life > 0 ? life : null,
                    };
                    DmSendResponse response = await client.PostAsync("/v1/dm", request, ApiJsonContext.Default.DmSendRequest, ApiJsonContext.Default.DmSendResponse, token).ConfigureAwait(false);
                    Report(parse, response, parse.GetValue(json));
                    return ExitCodeOf(response);
                });
            });
            return command;
        }

        private static Command CreateInbox()
        {
            Option<string> api = ApiClient.CreateApiOption();
            var wait = new Option<double>("--wait") { Description = "Seconds to wait for messages (default 0: print what is waiting now and exit)." };
            var count = new Option<int>("--count") { Description = "Exit after this many messages (0: no limit); with --wait, exit code 5 if fewer arrived." };
            var json = new Option<bool>("--json") { Description = "One JSON object per line: sender, requestId, payloadType, text or base64, receivedAt, receivedAtMs, createdAtMs, path." };
            var command = new Command("inbox", "Print the direct messages a running node received (each message is handed out once).") { api, wait, count, json };
            command.SetAction((parse, token) =>
            {
                double seconds = parse.GetValue(wait);
                if (!(seconds >= 0 && seconds <= DirectMessageApi.MaxWaitSeconds) || parse.GetValue(count) < 0)
                {
                    return Usage(parse, "--wait must be 0.." + DirectMessageApi.MaxWaitSeconds + " seconds and --count 0 or more");
                }

                return ClientCommands.CallAsync(parse, api, TimeSpan.FromSeconds(seconds) + Margin, async client =>
                {
                    int wanted = parse.GetValue(count);
                    int received = await PollAsync(parse, client, seconds, wanted, parse.GetValue(json), token).ConfigureAwait(false);
                    return wanted > 0 && received < wanted && seconds > 0 ? ExitCodes.Timeout : ExitCodes.Success;
                });
            });
            return command;
        }

        /// <summary>Takes messages in batches until --count is reached or --wait is over; returns how many were printed.</summary>
        private static async Task<int> PollAsync(ParseResult parse, ApiClient client, double seconds, int wanted, bool json, CancellationToken token)
        {
            DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
            int received = 0;
            while (true)
            {
                double remaining = Math.Max(0, (deadline - DateTime.UtcNow).TotalSeconds);
                int batch = wanted > 0 ? Math.Min(wanted - received, DirectMessageApi.MaxInboxBatch) : DirectMessageApi.MaxInboxBatch;
                string query = "/v1/dm/inbox?wait=" + remaining.ToString("0.###", CultureInfo.InvariantCulture) + "&count=" + batch.ToString(CultureInfo.InvariantCulture);
                List<DmEvent> events = await client.GetAsync(query, ApiJsonContext.Default.ListDmEvent, token).ConfigureAwait(false);
                foreach (DmEvent e in events)
                {
                    Print(parse, e, json);
                }

                // The node leased these (30 s by default); confirm only once they are printed, so a
                // message this process never got to show comes back instead of being lost.
                if (events.Count > 0)
                {
                    await Cli.Out(parse).FlushAsync(token).ConfigureAwait(false);
                    var confirm = new DmConfirmRequest { RequestIds = events.ConvertAll(e => e.RequestId) };
                    await client.PostAsync("/v1/dm/inbox/confirm", confirm, ApiJsonContext.Default.DmConfirmRequest, ApiJsonContext.Default.DmConfirmResponse, token).ConfigureAwait(false);
                }

                received += events.Count;
                if ((wanted > 0 && received >= wanted) || remaining <= 0 || (events.Count == 0 && seconds == 0))
                {
                    return received;
                }
            }
        }

        private static Task<int> Usage(ParseResult parse, string message)
        {
            parse.InvocationConfiguration.Error.WriteLine("edgemesh: error: " + message);
            return Task.FromResult(ExitCodes.Usage);
        }

        /// <summary>0 acknowledged; 1 rejected (by the recipient or refused here); 5 no acknowledgement in time.</summary>
        internal static int ExitCodeOf(DmSendResponse response)
        {
            return response.Status switch
            {
                "accepted" => ExitCodes.Success,
                "timeout" or "queued" => ExitCodes.Timeout,
                _ => ExitCodes.Failure,
            };
        }

        private static void Report(ParseResult parse, DmSendResponse response, bool json)
        {
            if (json)
            {
                Cli.Out(parse).WriteLine(JsonSerializer.Serialize(response, ApiJsonContext.Default.DmSendResponse));
                return;
            }

            TextWriter output = response.Status == "accepted" ? Cli.Out(parse) : parse.InvocationConfiguration.Error;
            string attempts = response.Attempts == 1 ? "1 attempt" : response.Attempts.ToString(CultureInfo.InvariantCulture) + " attempts";
            output.WriteLine(response.Status switch
            {
                "accepted" => "accepted by " + response.Recipient + " via " + response.Path + " after " + attempts + " (request " + response.RequestId + ")",
                "timeout" => "timeout: " + response.Error + " (request " + response.RequestId + ", " + attempts + ")",
                _ => "rejected: " + response.Error + " (" + response.Reason + ")",
            });
        }

        private static void Print(ParseResult parse, DmEvent e, bool json)
        {
            TextWriter output = Cli.Out(parse);
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(e, ApiJsonContext.Default.DmEvent));
                return;
            }

            output.WriteLine(e.ReceivedAt + "  " + e.Sender + ": " + (e.Text ?? ("type " + e.PayloadType + " base64 " + e.Base64)) + "  (request " + e.RequestId + ")");
        }
    }
}

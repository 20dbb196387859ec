using System;
using System.CommandLine;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Node.Bench;
using EdgeMesh.Security.Frames;
using EdgeMesh.Transport;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// <c>edgemesh bench</c>: measures this machine's publish→subscribe pipeline, like iperf for the
    /// mesh. <c>loopback</c> runs two EdgeMesh nodes on loopback UDP; <c>mqtt</c> runs the same
    /// closed loop (payloads, window, warm-up, delivery count, JSON) through an MQTT broker, so the
    /// two can be compared line for line (tests/compare.sh).
    /// </summary>
    internal static class BenchCommand
    {
        internal static Command Create()
        {
            var command = new Command("bench", "Measure messages/s and latency of the publish→subscribe path on this machine.");
            command.Subcommands.Add(CreateLoopback());
            command.Subcommands.Add(CreateMqtt());
            return command;
        }

        private static Command CreateLoopback()
        {
            var mode = new Option<string>("--mode") { Description = "Security mode of both nodes: production (Ed25519 signatures), lightweight (HMAC) or development (none).", DefaultValueFactory = _ => "production" };
            var datagram = new Option<int>("--datagram-bytes") { Description = "Both nodes' maxDatagramBytes (256-65507; default 1400, the product default): a publish batch fills one datagram.", DefaultValueFactory = _ => UdpTransportOptions.DefaultMaxDatagramSize };
            return Subcommand(
                "loopback",
                "Run a publisher node and a subscriber node (each with its own UDP socket on 127.0.0.1) in this process and report delivered messages/s, latency p50/p99/p99.9 and process RSS.",
                new Option[] { mode, datagram },
                parse =>
                {
                    SecurityProfile? profile = NodeConfig.ParseMode(parse.GetValue(mode));
                    int datagramBytes = parse.GetValue(datagram);
                    if (profile == null)
                    {
                        return (null, "--mode must be production, lightweight or development (got " + parse.GetValue(mode) + ")");
                    }

                    return datagramBytes < 256 || datagramBytes > UdpTransport.MaxUdpPayload
                        ? (null, "--datagram-bytes must be 256-65507 (got " + datagramBytes + ")")
                        : (new MeshBenchLink(profile.Value, datagramBytes), null);
                });
        }

        private static Command CreateMqtt()
        {
            var broker = new Option<string>("--broker") { Description = "HOST:PORT of the MQTT 3.1.1 broker.", DefaultValueFactory = _ => "127.0.0.1:1883" };
            var label = new Option<string>("--label") { Description = "Name of the broker in the report.", DefaultValueFactory = _ => "mosquitto" };
            return Subcommand(
                "mqtt",
                "Run the same measurement through an MQTT broker: one connection publishes at QoS 0, another subscribes (built-in minimal MQTT 3.1.1 client).",
                new Option[] { broker, label },
                parse =>
                {
                    IPEndPoint? endpoint = PeerEndpoint.TryParse(parse.GetValue(broker), out PeerEndpoint? parsed, out _) ? parsed!.TryGetLiteral() : null;
                    return endpoint == null
                        ? (null, "--broker must be an IP address and port, e.g. 127.0.0.1:1883 (got " + parse.GetValue(broker) + ")")
                        : (new MqttBenchLink(endpoint, parse.GetValue(label)!), null);
                });
        }

        /// <summary>A bench subcommand: its own options, the common ones, and a link made from the parse (or a usage problem).</summary>
        private static Command Subcommand(string name, string description, Option[] options, Func<ParseResult, (IBenchLink? Link, string? Problem)> createLink)
        {
            var command = new Command(name, description);
            foreach (Option option in options)
            {
                command.Options.Add(option);
            }

            Common common = Common.AddTo(command);
            command.SetAction((parse, cancellationToken) =>
            {
                (IBenchLink? link, string? problem) = createLink(parse);
                return link == null ? Task.FromResult(Usage(parse, problem!)) : common.RunAsync(parse, link, cancellationToken);
            });
            return command;
        }

        private static int Usage(ParseResult parse, string message)
        {
            parse.InvocationConfiguration.Error.WriteLine("edgemesh bench: " + message);
            return ExitCodes.Usage;
        }

        /// <summary>The options every bench shares, and the run itself.</summary>
        private sealed class Common
        {
            private readonly Option<int> _payload = new("--payload") { Description = "Payload bytes per message (16-1024; the first 16 carry a sequence number and the send time).", DefaultValueFactory = _ => 64 };
            private readonly Option<double> _seconds = new("--seconds") { Description = "Measured seconds (1-86400).", DefaultValueFactory = _ => 5.0 };
            private readonly Option<double> _warmup = new("--warmup") { Description = "Seconds of uncounted traffic first (0-60).", DefaultValueFactory = _ => 1.0 };
            private readonly Option<int> _window = new("--window") { Description = "Messages in flight at most (1-1000).", DefaultValueFactory = _ => 256 };
            private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object (sent, delivered, messagesPerSecond, latencyP50Us/P99Us/P999Us, rssStartBytes/rssEndBytes, ...)." };

            internal static Common AddTo(Command command)
            {
                var common = new Common();
                foreach (Option option in new Option[] { common._payload, common._seconds, common._warmup, common._window, common._json })
                {
                    command.Options.Add(option);
                }

                return common;
            }

            internal async Task<int> RunAsync(ParseResult parse, IBenchLink link, CancellationToken cancellationToken)
            {
                await using (link.ConfigureAwait(false))
                {
                    int payload = parse.GetValue(_payload);
                    double seconds = parse.GetValue(_seconds);
                    double warmup = parse.GetValue(_warmup);
                    int window = parse.GetValue(_window);
                    if (payload < BenchOptions.MinPayloadBytes || payload > BenchOptions.MaxPayloadBytes || seconds < 1 || seconds > 86_400 || warmup < 0 || warmup > 60 || window < 1 || window > 1000)
                    {
                        return Usage(parse, $"--payload must be {BenchOptions.MinPayloadBytes}-{BenchOptions.MaxPayloadBytes}, --seconds 1-86400, --warmup 0-60, --window 1-1000 (got {payload}, {seconds}, {warmup}, {window})");
                    }

                    if (!Cli.RequireSodium(parse, out int exitCode))
                    {
                        return exitCode;
                    }

                    bool json = parse.GetValue(_json);
                    var options = new BenchOptions { PayloadBytes = payload, Duration = TimeSpan.FromSeconds(seconds), Warmup = TimeSpan.FromSeconds(warmup), Window = window };
                    TextWriter output = Cli.Out(parse);
                    TextWriter? progress = json ? null : parse.InvocationConfiguration.Error;
                    progress?.WriteLine($"bench: {link.System} ({link.Mode}), {payload}-byte payloads, window {window}, {warmup:0.#} s warm-up + {seconds:0.#} s");
                    BenchResult result;
                    try
                    {
                        using var run = new ClosedLoopRun(link, options, progress);
                        result = await run.RunAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException or IOException)
                    {
                        return Cli.Fail(parse, e.Message);
                    }

                    if (json)
                    {
                        using var buffer = new MemoryStream();
                        result.WriteJson(buffer);
                        output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                    }
                    else
                    {
                        output.WriteLine(result.Summary());
                    }

                    return result.Delivered > 0 ? ExitCodes.Success : ExitCodes.Failure;
                }
            }
        }
    }
}

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
            command.Subcommands.Add(CreateBridge());
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
            var broker = new Option<string>("--broker") { Description = "HOST:PORT of the MQTT broker the publisher uses.", DefaultValueFactory = _ => "127.0.0.1:1883" };
            var subscribeBroker = new Option<string?>("--subscribe-broker") { Description = "HOST:PORT of a second broker for the subscriber (to measure a broker-to-broker bridge); default the same broker." };
            var label = new Option<string>("--label") { Description = "Name of the broker in the report.", DefaultValueFactory = _ => "mosquitto" };
            MqttOptions mqtt = MqttOptions.Create();
            return Subcommand(
                "mqtt",
                "Run the same measurement through an MQTT broker with MQTTnet clients: one connection publishes, another subscribes.",
                new Option[] { broker, subscribeBroker, label, mqtt.Qos, mqtt.Version },
                parse =>
                {
                    IPEndPoint? endpoint = ParseBroker(parse.GetValue(broker));
                    string? second = parse.GetValue(subscribeBroker);
                    IPEndPoint? subscribeEndpoint = second == null ? endpoint : ParseBroker(second);
                    if (endpoint == null || subscribeEndpoint == null)
                    {
                        return (null, "--broker and --subscribe-broker must be an IP address and port, e.g. 127.0.0.1:1883");
                    }

                    return mqtt.TryRead(parse, out int qos, out bool v5, out string? problem)
                        ? (new MqttBenchLink(endpoint, parse.GetValue(label)!, qos, v5, subscribeEndpoint), null)
                        : (null, problem);
                });
        }

        private static Command CreateBridge()
        {
            var broker = new Option<string>("--broker") { Description = "HOST:PORT of the MQTT broker the bridge connects to.", DefaultValueFactory = _ => "127.0.0.1:1883" };
            var label = new Option<string>("--label") { Description = "Name of the broker in the report.", DefaultValueFactory = _ => "mosquitto" };
            var direction = new Option<string>("--direction") { Description = "out: mesh → bridge → broker → MQTT client; in: MQTT client → broker → bridge → mesh.", DefaultValueFactory = _ => "out" };
            var flush = new Option<bool>("--flush-to-disk") { Description = "Flush every queued QoS 1 message to the device (the product default; off measures a crash-safe but not power-cut-safe queue)." };
            MqttOptions mqtt = MqttOptions.Create();
            return Subcommand(
                "bridge",
                "Measure the MQTT bridge (docs/mqtt.md) between an in-process mesh and an MQTT client on a broker.",
                new Option[] { broker, label, direction, mqtt.Qos, mqtt.Version, flush },
                parse =>
                {
                    IPEndPoint? endpoint = ParseBroker(parse.GetValue(broker));
                    string? dir = parse.GetValue(direction);
                    if (endpoint == null || (dir != "out" && dir != "in"))
                    {
                        return (null, "--broker must be an IP address and port and --direction out or in");
                    }

                    return mqtt.TryRead(parse, out int qos, out bool v5, out string? problem)
                        ? (new BridgeBenchLink(endpoint, parse.GetValue(label)!, dir == "out", qos, v5, parse.GetValue(flush)), null)
                        : (null, problem);
                });
        }

        private static IPEndPoint? ParseBroker(string? text)
        {
            return PeerEndpoint.TryParse(text, out PeerEndpoint? parsed, out _) ? parsed!.TryGetLiteral() : null;
        }

        /// <summary>QoS and protocol version options shared by the MQTT benches.</summary>
        private sealed class MqttOptions
        {
            internal Option<int> Qos { get; } = new("--qos") { Description = "MQTT QoS, 0 or 1.", DefaultValueFactory = _ => 0 };

            internal Option<string> Version { get; } = new("--mqtt-version") { Description = "3.1.1 or 5.", DefaultValueFactory = _ => "3.1.1" };

            internal static MqttOptions Create() => new MqttOptions();

            internal bool TryRead(ParseResult parse, out int qos, out bool v5, out string? problem)
            {
                qos = parse.GetValue(Qos);
                string? version = parse.GetValue(Version);
                v5 = version == "5";
                problem = qos is 0 or 1 && (version == "5" || version == "3.1.1") ? null : "--qos must be 0 or 1 and --mqtt-version 3.1.1 or 5";
                return problem == null;
            }
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

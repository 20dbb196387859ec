using System;
using System.CommandLine;
using System.Text.Json;
using EdgeMesh.Node.Demo;
using EdgeMesh.Protocol.Link;
using Spectre.Console;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// <c>edgemesh demo</c>: a local fleet of real nodes on loopback (the main job);
    /// <c>edgemesh demo wire</c>: the wire core encoding, framing, fragmenting and decoding messages.
    /// </summary>
    internal static class DemoCommand
    {
        internal static Command Create()
        {
            var nodes = new Option<int>("--nodes") { Description = "Nodes in the local fleet (2-64).", DefaultValueFactory = _ => 8 };
            var duration = new Option<double>("--duration") { Description = "Seconds of traffic after the fleet joined, by the wall clock (1-3600); joining takes up to 20 s before, the last deliveries up to 2 s after.", DefaultValueFactory = _ => 10.0 };
            var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the live view and summary." };
            var fullRate = new Option<bool>("--full-rate") { Description = "Publish at the default rate (6 messages/s per node) even when this machine's cores cannot keep up: the run will then miss its latency and delivery goals." };
            var command = new Command(
                "demo",
                "Start a local fleet (production mode, throwaway fleet, loopback UDP), let it discover itself, publish heartbeats, telemetry and a MotionCommand, and report delivery and latency. Exit 0 only if every node joined and at least 99% was delivered.")
            {
                nodes,
                duration,
                json,
                fullRate,
            };
            command.Subcommands.Add(CreateWire());
            command.SetAction(async (parse, cancellationToken) =>
            {
                int count = parse.GetValue(nodes);
                double seconds = parse.GetValue(duration);
                if (count < 2 || count > 64 || seconds < 1 || seconds > 3600)
                {
                    Console.Error.WriteLine($"edgemesh demo: --nodes must be 2-64 and --duration 1-3600 seconds (got {count}, {seconds})");
                    return ExitCodes.Usage;
                }

                bool asJson = parse.GetValue(json);
                var length = TimeSpan.FromSeconds(seconds);
                DemoPlan? plan;
                if (parse.GetValue(fullRate))
                {
                    plan = DemoPlan.Default(count, length);
                }
                else if ((plan = DemoPlan.Size(count, length, DemoBudget.ForThisMachine(), out string refusal)) == null)
                {
                    // Refused before any node starts: a run that cannot keep up would only fail slowly.
                    Console.Error.WriteLine("edgemesh demo: " + refusal + " (--full-rate runs it anyway)");
                    return ExitCodes.Usage;
                }

                if (!asJson)
                {
                    Console.WriteLine($"Starting {count} nodes (production mode, throwaway fleet, loopback UDP)...");
                    if (plan.Note != null)
                    {
                        Console.WriteLine("Note: " + plan.Note + ".");
                    }
                }

                FleetDemoResult result;
                if (!asJson && LiveTerminal.IsInteractive(AnsiConsole.Console))
                {
                    // A person at a terminal: the table redraws in place; logs and CI get plain lines.
                    result = await new LiveDemoView(AnsiConsole.Console, count).RunAsync(view => new FleetDemo(view, plan).RunAsync(cancellationToken)).ConfigureAwait(false);
                }
                else
                {
                    result = await new FleetDemo(asJson ? null : new PlainDemoView(Console.Out), plan).RunAsync(cancellationToken).ConfigureAwait(false);
                }

                Console.WriteLine(asJson ? Json(result) : Summary(result));
                return result.Success ? ExitCodes.Success : ExitCodes.Failure;
            });
            return command;
        }

        private static Command CreateWire()
        {
            var mtu = new Option<int>("--mtu")
            {
                Description = "Packet size of the simulated radio link in bytes (32 = nRF24L01, 255 = LoRa).",
                DefaultValueFactory = _ => 32,
            };
            var seed = new Option<int>("--seed")
            {
                Description = "Seed for chunk sizes and packet reordering, to replay a run exactly.",
                DefaultValueFactory = _ => 1,
            };
            var command = new Command("wire", "Show the wire core at work: encode typed messages into frames, carry them over a serial and a radio link, decode them.")
            {
                mtu,
                seed,
            };
            command.SetAction(parse =>
            {
                int packetSize = parse.GetValue(mtu);
                if (packetSize < FragmentFormat.MinMtu || packetSize > 255)
                {
                    Console.Error.WriteLine($"edgemesh demo wire: --mtu must be between {FragmentFormat.MinMtu} and 255 (got {packetSize})");
                    return ExitCodes.Usage;
                }

                var demo = new WireDemo(Console.Out, packetSize, parse.GetValue(seed), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                DemoResult result = demo.Run();
                bool ok = result.DeliveredOverSerial == result.FramesSent && result.DeliveredOverRadio == result.FramesSent;
                Console.WriteLine();
                Console.WriteLine(ok
                    ? $"All {result.FramesSent} messages arrived once over each link; {result.DuplicatesSuppressed} duplicate suppressed."
                    : $"Delivery incomplete: serial {result.DeliveredOverSerial}/{result.FramesSent}, radio {result.DeliveredOverRadio}/{result.FramesSent}.");
                return ok ? ExitCodes.Success : ExitCodes.Failure;
            });
            return command;
        }

        internal static string Summary(FleetDemoResult r)
        {
            return string.Join(
                Environment.NewLine,
                string.Empty,
                $"nodes joined      {r.Joined}/{r.Nodes}",
                $"delivered         {r.Delivered}/{r.Expected} ({r.DeliveryRatio * 100:0.00}%) in {r.DurationSeconds:0.0} s",
                $"motion command    {(r.MotionDelivered ? "delivered" : "NOT delivered")}",
                $"latency           p50 {r.LatencyP50Ms:0} ms, p99 {r.LatencyP99Ms:0} ms",
                $"rate              {r.RatePerNode:0.0} messages/s per node{(r.SkippedTicks > 0 ? $", {r.SkippedTicks} tick(s) skipped: the machine fell behind" : string.Empty)}",
                $"cpu               {r.CpuCores:0.00} cores, {r.CpuMicrosecondsPerDelivery:0} µs per delivery ({r.WallSeconds:0.0} s of traffic and drain)",
                r.Success ? "OK: every node joined and at least 99% was delivered." : "FAILED: a node did not join or less than 99% was delivered.");
        }

        internal static string Json(FleetDemoResult r)
        {
            using var stream = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("nodes", r.Nodes);
                writer.WriteNumber("joined", r.Joined);
                writer.WriteNumber("published", r.Published);
                writer.WriteNumber("expected", r.Expected);
                writer.WriteNumber("delivered", r.Delivered);
                writer.WriteNumber("deliveryRatio", Math.Round(r.DeliveryRatio, 5));
                writer.WriteBoolean("motionDelivered", r.MotionDelivered);
                writer.WriteNumber("latencyP50Ms", r.LatencyP50Ms);
                writer.WriteNumber("latencyP99Ms", r.LatencyP99Ms);
                writer.WriteNumber("durationSeconds", r.DurationSeconds);
                writer.WriteNumber("wallSeconds", r.WallSeconds);
                writer.WriteNumber("ratePerNode", r.RatePerNode);
                writer.WriteNumber("skippedTicks", r.SkippedTicks);
                writer.WriteNumber("cpuCores", r.CpuCores);
                writer.WriteNumber("cpuMicrosecondsPerDelivery", r.CpuMicrosecondsPerDelivery);
                writer.WriteBoolean("success", r.Success);
                writer.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}

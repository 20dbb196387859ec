using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text.Json;
using EdgeMesh.Firmware.Host.Simulation;
using EdgeMesh.Firmware.Motion;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Host.Commands
{
    /// <summary>
    /// <c>edgemesh firmware-sim --board esp32s3-sx1276 --nodes N</c>: runs N simulated microcontroller
    /// nodes (the firmware's host build on simulated SX1276 or nRF24L01+ chips) on one simulated radio segment
    /// with a probe at the segment's edge, and reports what reached it. Exit 0 when every node was
    /// heard (and, with --motion, the farthest node acknowledged a command and stopped its motors).
    /// </summary>
    public static class FirmwareSimCommand
    {
        /// <summary>The <c>firmware-sim</c> command.</summary>
        public static Command Create()
        {
            var board = new Option<string>("--board") { Description = "Board every node runs on.", DefaultValueFactory = _ => "esp32s3-sx1276" };
            var nodes = new Option<int>("--nodes") { Description = "Firmware nodes on the segment (1..64).", DefaultValueFactory = _ => 5 };
            var foreign = new Option<int>("--foreign") { Description = "Extra nodes with another fleet's segment key (0..8).", DefaultValueFactory = _ => 0 };
            var duration = new Option<int>("--duration") { Description = "Simulated seconds.", DefaultValueFactory = _ => 120 };
            var spacing = new Option<double>("--spacing-m") { Description = "Distance between neighbouring nodes on the line (0: 45 % of the radio range).", DefaultValueFactory = _ => 0.0 };
            var seed = new Option<int>("--seed") { Description = "Run seed (ids, keys, air randomness).", DefaultValueFactory = _ => 1 };
            var loss = new Option<double>("--loss") { Description = "Packet loss probability per receiver, 0..1.", DefaultValueFactory = _ => 0.0 };
            var heartbeat = new Option<int>("--heartbeat-s") { Description = "Seconds between heartbeats.", DefaultValueFactory = _ => 30 };
            var telemetry = new Option<int>("--telemetry-s") { Description = "Seconds between telemetry reports.", DefaultValueFactory = _ => 60 };
            var motion = new Option<bool>("--motion") { Description = "Send a MotionCommand to the farthest node a third into the run; check it is acknowledged and the motors stop at the command timeout." };
            var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
            var command = new Command("firmware-sim", "Run simulated microcontroller nodes (the firmware's host build on simulated SX1276 or nRF24L01+ chips) on a simulated radio segment.");
            foreach (Option o in new Option[] { board, nodes, foreign, duration, spacing, seed, loss, heartbeat, telemetry, motion, json })
            {
                command.Options.Add(o);
            }

            command.SetAction(parse =>
            {
                var options = new FirmwareFleetOptions
                {
                    Board = parse.GetValue(board)!,
                    Nodes = parse.GetValue(nodes),
                    ForeignNodes = parse.GetValue(foreign),
                    SpacingMetres = parse.GetValue(spacing),
                    Seed = parse.GetValue(seed),
                    Loss = parse.GetValue(loss),
                    HeartbeatSeconds = parse.GetValue(heartbeat),
                    TelemetrySeconds = parse.GetValue(telemetry),
                };
                int seconds = parse.GetValue(duration);
                if (seconds < 1 || seconds > 86_400)
                {
                    Console.Error.WriteLine("--duration must be 1..86400 seconds");
                    return ProvisionCommand.UsageExit;
                }

                FirmwareFleet fleet;
                try
                {
                    fleet = new FirmwareFleet(options);
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return ProvisionCommand.UsageExit;
                }

                return Run(fleet, seconds * 1000L, parse.GetValue(motion), parse.GetValue(json), Console.Out);
            });
            return command;
        }

        /// <summary>Runs the fleet and writes the report; the exit code.</summary>
        internal static int Run(FirmwareFleet fleet, long durationMs, bool motion, bool json, TextWriter output)
        {
            MotionOutcome outcome = default;
            if (motion)
            {
                fleet.RunFor(durationMs / 3);
                outcome = CommandFarthest(fleet);
                fleet.RunFor(durationMs - fleet.NowMs);
            }
            else
            {
                fleet.RunFor(durationMs);
            }

            bool allHeard = true;
            foreach (SimulatedBoard b in fleet.Boards)
            {
                allHeard &= fleet.Probe.HeartbeatsFrom(b.Node!.Id.Value) > 0;
            }

            bool ok = allHeard && (!motion || (outcome.Acknowledged && outcome.StoppedAfterTimeout));
            if (json)
            {
                WriteJson(fleet, motion, outcome, ok, output);
            }
            else
            {
                WriteTable(fleet, motion, outcome, ok, output);
            }

            return ok ? 0 : 1;
        }

        private static MotionOutcome CommandFarthest(FirmwareFleet fleet)
        {
            SimulatedBoard target = fleet.Boards[fleet.Boards.Count - 1];
            ulong id = target.Node!.Id.Value;
            var outcome = new MotionOutcome { Node = id };
            uint sequence = 0;
            for (int attempt = 0; attempt < 5 && fleet.Probe.Acks.Count == 0; attempt++)
            {
                fleet.Probe.SendMotion(id, new MotionCommand(++sequence, new Vector3F(0.3f, 0, 0), default, 2000), fleet.NowMs);
                outcome.Attempts++;
                for (int i = 0; i < 100 && fleet.Probe.Acks.Count == 0; i++)
                {
                    fleet.RunFor(50);
                }
            }

            outcome.Acknowledged = fleet.Probe.Acks.Count > 0 && fleet.Probe.Acks[0].Verdict == MotionVerdict.Applied;
            outcome.MotorsRan = target.Left.Changes > 0;
            fleet.RunFor(fleet.Options.CommandTimeoutMs + 100L); // silence: the command timeout must stop the motors
            outcome.StoppedAfterTimeout = target.Node!.Motion.TimeoutStops > 0 && target.Left.Duty == 0 && target.Right.Duty == 0;
            return outcome;
        }

        private static void WriteTable(FirmwareFleet fleet, bool motion, MotionOutcome outcome, bool ok, TextWriter o)
        {
            o.WriteLine("firmware-sim: " + fleet.Boards.Count + " nodes (" + BoardName(fleet) + ") + " + fleet.ForeignBoards.Count
                + " foreign, spacing " + ((int)fleet.Spacing).ToString(CultureInfo.InvariantCulture) + " m, radio range "
                + ((int)fleet.RangeMetres).ToString(CultureInfo.InvariantCulture) + " m, " + (fleet.NowMs / 1000) + " s simulated");
            o.WriteLine("node              dist_m  hb_sent  hb_heard  tm_heard  hops  relays  mac_fail  replays  deferred  ram_B");
            foreach (SimulatedBoard b in fleet.Boards)
            {
                var n = b.Node!;
                ulong id = n.Id.Value;
                o.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}  {1,6}  {2,7}  {3,8}  {4,8}  {5,4}  {6,6}  {7,8}  {8,7}  {9,8}  {10,5}",
                    Hex.FormatUInt64(id), (int)b.X, n.HeartbeatsSent, fleet.Probe.HeartbeatsFrom(id), fleet.Probe.TelemetryFrom(id),
                    fleet.Probe.MaxHopsFrom(id), n.Link.RelaysQueued, n.Link.MacFailures, n.Link.Replays, n.Link.DutyCycleDeferrals, n.Ram.TotalBytes));
            }

            foreach (SimulatedBoard b in fleet.ForeignBoards)
            {
                o.WriteLine("foreign " + Hex.FormatUInt64(b.Node!.Id.Value) + ": " + b.Node.HeartbeatsSent + " heartbeats sent, "
                    + fleet.Probe.HeartbeatsFrom(b.Node.Id.Value) + " accepted at the edge");
            }

            o.WriteLine("air: " + fleet.Air.Transmissions + " transmissions, " + fleet.Air.Collisions + " collisions, "
                + fleet.Air.HalfDuplexMisses + " missed while transmitting; probe refused " + fleet.Probe.Link.MacFailures + " frames for a bad MAC");
            if (motion)
            {
                o.WriteLine("motion to " + Hex.FormatUInt64(outcome.Node) + ": " + (outcome.Acknowledged ? "acknowledged" : "NOT acknowledged")
                    + " after " + outcome.Attempts + " attempt(s), motors " + (outcome.MotorsRan ? "ran" : "did not run")
                    + ", " + (outcome.StoppedAfterTimeout ? "stopped at the command timeout" : "DID NOT STOP"));
            }

            o.WriteLine("RAM reserved per node: " + fleet.Boards[0].Node!.Ram.TotalBytes + " B of " + EdgeMesh.Firmware.Memory.RamReport.BudgetBytes + " B");
            o.WriteLine(ok ? "result: ok" : "result: FAILED (a node was never heard" + (motion ? ", or the command failed" : string.Empty) + ")");
        }

        private static void WriteJson(FirmwareFleet fleet, bool motion, MotionOutcome outcome, bool ok, TextWriter o)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("board", BoardName(fleet));
                w.WriteNumber("simulatedSeconds", fleet.NowMs / 1000);
                w.WriteNumber("spacingMetres", Math.Round(fleet.Spacing, 1));
                w.WriteNumber("rangeMetres", Math.Round(fleet.RangeMetres, 1));
                w.WriteStartArray("nodes");
                foreach (SimulatedBoard b in fleet.Boards)
                {
                    var n = b.Node!;
                    ulong id = n.Id.Value;
                    w.WriteStartObject();
                    w.WriteString("id", Hex.FormatUInt64(id));
                    w.WriteNumber("distanceMetres", Math.Round(b.X, 1));
                    w.WriteNumber("heartbeatsSent", n.HeartbeatsSent);
                    w.WriteNumber("heartbeatsHeard", fleet.Probe.HeartbeatsFrom(id));
                    w.WriteNumber("telemetryHeard", fleet.Probe.TelemetryFrom(id));
                    w.WriteNumber("maxHops", fleet.Probe.MaxHopsFrom(id));
                    w.WriteNumber("relays", n.Link.RelaysQueued);
                    w.WriteNumber("macFailures", n.Link.MacFailures);
                    w.WriteNumber("replays", n.Link.Replays);
                    w.WriteNumber("dutyCycleDeferrals", n.Link.DutyCycleDeferrals);
                    w.WriteNumber("queueFull", n.Link.QueueFull);
                    w.WriteNumber("ramBytes", n.Ram.TotalBytes);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("foreignNodes", fleet.ForeignBoards.Count);
                w.WriteNumber("probeMacFailures", fleet.Probe.Link.MacFailures);
                w.WriteNumber("airTransmissions", fleet.Air.Transmissions);
                w.WriteNumber("airCollisions", fleet.Air.Collisions);
                if (motion)
                {
                    w.WriteStartObject("motion");
                    w.WriteString("node", Hex.FormatUInt64(outcome.Node));
                    w.WriteBoolean("acknowledged", outcome.Acknowledged);
                    w.WriteNumber("attempts", outcome.Attempts);
                    w.WriteBoolean("motorsRan", outcome.MotorsRan);
                    w.WriteBoolean("stoppedAfterTimeout", outcome.StoppedAfterTimeout);
                    w.WriteEndObject();
                }

                w.WriteBoolean("ok", ok);
                w.WriteEndObject();
            }

            o.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }

        private static string BoardName(FirmwareFleet fleet)
        {
            return EdgeMesh.Firmware.Boards.BoardCatalog.Find(fleet.Options.Board)!.Name;
        }

        private struct MotionOutcome
        {
            public ulong Node;
            public int Attempts;
            public bool Acknowledged;
            public bool MotorsRan;
            public bool StoppedAfterTimeout;
        }
    }
}

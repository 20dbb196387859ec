using System;
using System.CommandLine;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using EdgeMesh.Hardware.Boards;
using EdgeMesh.Hardware.Linux;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Hardware.Simulation.Air;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// <c>edgemesh radio probe|listen|send --board NAME [--sim]</c>: talks to a board's radio directly
    /// (no mesh): identifies the chip, applies the board's radio settings, prints packets with RSSI/SNR.
    /// With <c>--sim</c> the chip is the register-level model on simulated air, with a second simulated
    /// node of the same board 200 m away as the other end.
    /// </summary>
    internal static class RadioCommand
    {
        /// <summary>Where the simulated peer stands: well inside LoRa range, and inside a 2.4 GHz module's.</summary>
        private static double PeerDistanceMetres(BoardDefinition board)
        {
            return board.Radio?.Chip == "nrf24l01" ? 20 : 200;
        }

        internal static Command Create()
        {
            var command = new Command("radio", "Probe a board's radio, or listen/send raw packets on it.");
            command.Subcommands.Add(Sub("probe", "Identify the chip and print the settings the board gets.", Mode.Probe));
            command.Subcommands.Add(Sub("listen", "Print received packets with RSSI and SNR.", Mode.Listen));
            command.Subcommands.Add(Sub("send", "Send packets and report how they went.", Mode.Send));
            return command;
        }

        private enum Mode
        {
            Probe,
            Listen,
            Send,
        }

        private static Command Sub(string name, string description, Mode mode)
        {
            var board = new Option<string>("--board") { Description = "Board name (a file in boards/).", Required = true };
            var sim = new Option<bool>("--sim") { Description = "Use a simulated chip wired like the board, on simulated air." };
            var dir = new Option<string?>("--boards-dir") { Description = "Directory of board files (default: $EDGEMESH_BOARDS, boards/ beside the binary, or the checkout's)." };
            var count = new Option<int>("--count") { Description = "Packets to send, or to wait for.", DefaultValueFactory = _ => 3 };
            var timeout = new Option<double>("--timeout") { Description = "Seconds to listen (radio time in --sim).", DefaultValueFactory = _ => 10 };
            var text = new Option<string>("--text") { Description = "Payload to send (UTF-8).", DefaultValueFactory = _ => "edgemesh radio test" };
            var power = new Option<int>("--power") { Description = "Output power, dBm (clamped to the board's limit).", DefaultValueFactory = _ => 14 };
            var command = new Command(name, description);
            foreach (Option option in new Option[] { board, sim, dir, count, timeout, text, power })
            {
                command.Options.Add(option);
            }

            command.SetAction(p => Run(p, mode, p.GetValue(board)!, p.GetValue(sim), p.GetValue(dir), p.GetValue(count), p.GetValue(timeout), p.GetValue(text)!, p.GetValue(power)));
            return command;
        }

        private static int Run(ParseResult p, Mode mode, string boardName, bool sim, string? boardsDir, int count, double timeoutSeconds, string text, int power)
        {
            TextWriter output = Cli.Out(p);
            string? directory = boardsDir ?? BoardCatalog.FindDirectory();
            if (directory == null || !Directory.Exists(directory))
            {
                return Cli.Fail(p, "no boards directory found: pass --boards-dir or set EDGEMESH_BOARDS");
            }

            BoardDefinition? board = BoardCatalog.Load(directory, boardName, out List<string> errors);
            if (board == null || errors.Count > 0)
            {
                return Cli.Fail(p, "board " + boardName + ": " + string.Join("; ", errors));
            }

            byte[] payload = Encoding.UTF8.GetBytes(text);
            SimulatedAir? air = sim ? new SimulatedAir(new EventScheduler(), 1) : null;
            BoardRadio radio;
            try
            {
                radio = air != null ? BoardRadio.OpenSimulated(board, air, 0, 0) : BoardRadio.OpenLinux(board);
            }
            catch (HardwareOpenException e)
            {
                return Cli.Fail(p, e.Message);
            }
            catch (ArgumentException e)
            {
                return Cli.Fail(p, e.Message);
            }

            using (radio)
            {
                output.WriteLine("board    " + board.Name + (sim ? " (simulated chip)" : "") + ": " + board.Description);
                bool found = radio.Probe(out string report);
                output.WriteLine("chip     " + report);
                if (!found)
                {
                    return Cli.Fail(p, "radio not found on " + board.Name);
                }

                RadioResult configured = radio.Configure(power, 0, -1);
                if (configured != RadioResult.Ok)
                {
                    return Cli.Fail(p, "configuring the radio failed: " + configured);
                }

                output.WriteLine("settings " + radio.DescribeSettings());
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "airtime  {0:F3} ms for 32 bytes, {1:F3} ms for {2} bytes", radio.Radio.TimeOnAirMicroseconds(32) / 1000.0, radio.Radio.TimeOnAirMicroseconds(radio.Radio.MaxPacketLength) / 1000.0, radio.Radio.MaxPacketLength));
                if (mode == Mode.Probe)
                {
                    return ExitCodes.Success;
                }

                if (payload.Length > radio.Radio.MaxPacketLength)
                {
                    return Cli.Fail(p, "--text is " + payload.Length + " bytes; this radio carries at most " + radio.Radio.MaxPacketLength);
                }

                BoardRadio? peer = null;
                if (air != null)
                {
                    peer = BoardRadio.OpenSimulated(board, air, PeerDistanceMetres(board), 0);
                    peer.Probe(out _);
                    peer.Configure(power, 0, -1);
                    output.WriteLine(string.Format(CultureInfo.InvariantCulture, "peer     a simulated {0} {1:F0} m away", board.Name, PeerDistanceMetres(board)));
                }

                return mode == Mode.Listen
                    ? Listen(p, output, radio, peer, air, count, timeoutSeconds, payload)
                    : Send(p, output, radio, peer, air, count, payload);
            }
        }

        private static int Listen(ParseResult p, TextWriter output, BoardRadio radio, BoardRadio? peer, SimulatedAir? air, int count, double timeoutSeconds, byte[] payload)
        {
            radio.Radio.StartReceive();
            long deadline = radio.Clock.NowMicroseconds + (long)(timeoutSeconds * 1e6);
            long nextPeerSend = radio.Clock.NowMicroseconds;
            int sent = 0;
            int heard = 0;
            var buffer = new byte[255];
            output.WriteLine("listening" + (air != null ? " (the simulated peer sends " + count + " packets, one a second)" : "") + "...");
            while (heard < count && radio.Clock.NowMicroseconds < deadline)
            {
                if (peer != null && sent < count && radio.Clock.NowMicroseconds >= nextPeerSend && !peer.Radio.IsTransmitting)
                {
                    sent++;
                    byte[] numbered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload) + " #" + sent.ToString(CultureInfo.InvariantCulture));
                    peer.Radio.Send(numbered, 0, Math.Min(numbered.Length, peer.Radio.MaxPacketLength));
                    nextPeerSend += 1000000;
                }

                RadioEvent e = Step(radio, peer, air);
                if (e == RadioEvent.PacketReceived)
                {
                    int n = radio.Radio.ReadPacket(buffer, 0, buffer.Length);
                    heard++;
                    output.WriteLine(string.Format(CultureInfo.InvariantCulture, "rx {0,3} bytes  RSSI {1,4} dBm  SNR {2,6:F2} dB  t={3:F3} s  {4}", n, radio.Radio.LastRssiDbm, radio.Radio.LastSnrQuarterDb / 4.0, radio.Clock.NowMicroseconds / 1e6, Printable(buffer, n)));
                }
                else if (e == RadioEvent.CrcError)
                {
                    output.WriteLine("rx CRC error (dropped)");
                }
            }

            output.WriteLine(heard + " packet(s) received");
            return heard > 0 || air == null ? ExitCodes.Success : Cli.Fail(p, "the simulated peer's packets did not arrive");
        }

        private static int Send(ParseResult p, TextWriter output, BoardRadio radio, BoardRadio? peer, SimulatedAir? air, int count, byte[] payload)
        {
            peer?.Radio.StartReceive();
            radio.Radio.StartReceive();
            var buffer = new byte[255];
            int done = 0;
            for (int i = 0; i < count; i++)
            {
                RadioResult started = radio.Radio.Send(payload, 0, payload.Length);
                if (started != RadioResult.Ok)
                {
                    return Cli.Fail(p, "send failed: " + started);
                }

                long start = radio.Clock.NowMicroseconds;
                long limit = start + (4 * radio.Radio.TimeOnAirMicroseconds(payload.Length)) + 2000000;
                RadioEvent outcome = RadioEvent.None;
                while (outcome != RadioEvent.TransmitDone && outcome != RadioEvent.TransmitFailed && radio.Clock.NowMicroseconds < limit)
                {
                    outcome = Step(radio, peer, air);
                }

                long elapsed = radio.Clock.NowMicroseconds - start;
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "tx {0,3} bytes  {1}  after {2:F3} ms (airtime {3:F3} ms)", payload.Length, outcome == RadioEvent.TransmitDone ? "sent" : "FAILED", elapsed / 1000.0, radio.Radio.TimeOnAirMicroseconds(payload.Length) / 1000.0));
                if (outcome == RadioEvent.TransmitDone)
                {
                    done++;
                }

                if (peer != null)
                {
                    // The peer's receive interrupt was raised when the packet ended, with the sender's TxDone.
                    int n = Service(peer) == RadioEvent.PacketReceived ? peer.Radio.ReadPacket(buffer, 0, buffer.Length) : 0;
                    output.WriteLine(n > 0
                        ? string.Format(CultureInfo.InvariantCulture, "   peer heard {0} bytes  RSSI {1} dBm  SNR {2:F2} dB", n, peer.Radio.LastRssiDbm, peer.Radio.LastSnrQuarterDb / 4.0)
                        : "   peer heard nothing");
                }
            }

            return done == count ? ExitCodes.Success : Cli.Fail(p, (count - done) + " of " + count + " transmissions failed");
        }

        /// <summary>One turn of the radio loop: service a pending interrupt, else let time pass (simulated or real).</summary>
        private static RadioEvent Step(BoardRadio radio, BoardRadio? peer, SimulatedAir? air)
        {
            RadioEvent e = Service(radio);
            if (e != RadioEvent.None)
            {
                return e;
            }

            if (peer != null && peer.InterruptPending)
            {
                peer.Radio.Service();
            }

            if (air != null)
            {
                if (!air.Scheduler.Step())
                {
                    air.Scheduler.Delay(1000);
                }
            }
            else
            {
                radio.Clock.Delay(1000);
            }

            return RadioEvent.None;
        }

        private static RadioEvent Service(BoardRadio radio)
        {
            return radio.InterruptPending || radio.Radio.IsTransmitting ? radio.Radio.Service() : RadioEvent.None;
        }

        private static string Printable(byte[] buffer, int count)
        {
            var text = new StringBuilder(count);
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[i];
                text.Append(b >= 0x20 && b < 0x7F ? (char)b : '.');
            }

            return text.ToString();
        }
    }
}

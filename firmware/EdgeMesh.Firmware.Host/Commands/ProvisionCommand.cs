using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using EdgeMesh.Firmware.Boards;
using EdgeMesh.Firmware.Provisioning;
using EdgeMesh.Hardware.Radio;
using EdgeMesh.Protocol.Wire;

namespace EdgeMesh.Firmware.Host.Commands
{
    /// <summary>
    /// <c>edgemesh firmware provision --board NAME --segment-key FILE --out FILE</c>: writes a node's
    /// 104-byte provisioning record (docs/firmware.md §3) for flashing into its config partition.
    /// </summary>
    public static class ProvisionCommand
    {
        /// <summary>Exit code for bad arguments (the CLI's usage code).</summary>
        public const int UsageExit = 2;

        /// <summary>The <c>firmware</c> command with its <c>provision</c> subcommand.</summary>
        public static Command CreateFirmwareCommand()
        {
            var firmware = new Command("firmware", "Microcontroller firmware tools (provisioning records for nanoFramework boards).");
            firmware.Subcommands.Add(Create());
            return firmware;
        }

        /// <summary>The <c>provision</c> subcommand.</summary>
        public static Command Create()
        {
            var board = new Option<string>("--board") { Description = "Board name: " + string.Join(", ", BoardCatalog.Names()) + " (short: esp32s3-sx1276, stm32-nrf24l01).", Required = true };
            var output = new Option<FileInfo>("--out") { Description = "Where to write the record (mode 0600: it holds the segment key).", Required = true };
            var key = new Option<FileInfo>("--segment-key") { Description = "Segment key file (64 hex digits); created with a new random key when it does not exist.", Required = true };
            var nodeId = new Option<string?>("--node-id") { Description = "Node id, 16 hex digits (default: random)." };
            var frequency = new Option<uint?>("--frequency-hz") { Description = "LoRa carrier frequency (default 869525000)." };
            var sf = new Option<int?>("--spreading-factor") { Description = "LoRa spreading factor 6..12 (default 7)." };
            var power = new Option<int?>("--tx-power-dbm") { Description = "Transmit power (default 14 on SX1276, 0 on nRF24L01+)." };
            var channel = new Option<int?>("--channel") { Description = "nRF24L01+ RF channel 0..125 (default 76)." };
            var hops = new Option<int?>("--hop-limit") { Description = "Hop limit of the node's frames 1..15 (default 3)." };
            var duty = new Option<int?>("--duty-cycle-permille") { Description = "Airtime share allowed, per mille (default 100 = 10 % on SX1276)." };
            var heartbeat = new Option<int>("--heartbeat-s") { Description = "Seconds between heartbeats.", DefaultValueFactory = _ => 30 };
            var telemetry = new Option<int>("--telemetry-s") { Description = "Seconds between telemetry reports.", DefaultValueFactory = _ => 60 };
            var timeout = new Option<int>("--command-timeout-ms") { Description = "Motors stop this long after the last motion command.", DefaultValueFactory = _ => 500 };
            var command = new Command("provision", "Write a node's provisioning record (id, segment key, board, radio settings) for its config flash.");
            foreach (Option o in new Option[] { board, output, key, nodeId, frequency, sf, power, channel, hops, duty, heartbeat, telemetry, timeout })
            {
                command.Options.Add(o);
            }

            command.SetAction(parse =>
            {
                BoardProfile? profile = BoardCatalog.Find(parse.GetValue(board));
                if (profile == null)
                {
                    Console.Error.WriteLine("unknown board '" + parse.GetValue(board) + "'; known: " + string.Join(", ", BoardCatalog.Names()));
                    return UsageExit;
                }

                var p = new NodeProvisioning
                {
                    BoardName = profile.Name,
                    Radio = profile.Radio == RadioChip.Sx1276 ? RadioSettings.DefaultSx1276() : RadioSettings.DefaultNrf24(),
                    HeartbeatIntervalSeconds = parse.GetValue(heartbeat),
                    TelemetryIntervalSeconds = parse.GetValue(telemetry),
                    CommandTimeoutMs = parse.GetValue(timeout),
                };
                string? idText = parse.GetValue(nodeId);
                if (idText != null)
                {
                    if (!ulong.TryParse(idText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong id) || idText.Length != 16)
                    {
                        Console.Error.WriteLine("--node-id must be 16 hex digits");
                        return UsageExit;
                    }

                    p.NodeId = id;
                }
                else
                {
                    while (p.NodeId == 0)
                    {
                        p.NodeId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
                    }
                }

                p.Radio.FrequencyHz = parse.GetValue(frequency) ?? p.Radio.FrequencyHz;
                p.Radio.SpreadingFactor = parse.GetValue(sf) ?? p.Radio.SpreadingFactor;
                p.Radio.TxPowerDbm = parse.GetValue(power) ?? p.Radio.TxPowerDbm;
                p.Radio.RfChannel = parse.GetValue(channel) ?? p.Radio.RfChannel;
                p.Radio.HopLimit = parse.GetValue(hops) ?? p.Radio.HopLimit;
                p.Radio.DutyCyclePerMille = parse.GetValue(duty) ?? p.Radio.DutyCyclePerMille;

                FileInfo keyFile = parse.GetValue(key)!;
                string? keyError = LoadOrCreateKey(keyFile, p.SegmentKey, out bool created);
                if (keyError != null)
                {
                    Console.Error.WriteLine(keyError);
                    return UsageExit;
                }

                byte[] record = new byte[ProvisioningCodec.Length];
                ProvisioningError error = ProvisioningCodec.Encode(p, record, 0, record.Length, out _);
                Array.Clear(p.SegmentKey);
                if (error != ProvisioningError.None)
                {
                    Console.Error.WriteLine("the settings do not make a valid record: " + error);
                    return UsageExit;
                }

                FileInfo outFile = parse.GetValue(output)!;
                WritePrivate(outFile.FullName, record);
                Array.Clear(record);
                if (created)
                {
                    Console.WriteLine("created segment key " + keyFile.FullName + " (give the same file to every node and the gateway of this segment)");
                }

                Console.WriteLine("node " + Hex.FormatUInt64(p.NodeId) + " on " + profile.Name + " (" + profile.Radio + "): wrote " + outFile.FullName + " (" + ProvisioningCodec.Length + " bytes)");
                return 0;
            });
            return command;
        }

        /// <summary>Reads a 64-hex-digit key file, or creates one with a random key; an error message, or null.</summary>
        internal static string? LoadOrCreateKey(FileInfo file, byte[] key, out bool created)
        {
            created = false;
            if (!file.Exists)
            {
                RandomNumberGenerator.Fill(key);
                WritePrivate(file.FullName, System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(key) + "\n"));
                created = true;
                return null;
            }

            string text = File.ReadAllText(file.FullName).Trim();
            if (text.Length != 2 * NodeProvisioning.SegmentKeyLength)
            {
                return "segment key file " + file.FullName + " must hold 64 hex digits";
            }

            try
            {
                Convert.FromHexString(text).CopyTo(key, 0);
            }
            catch (FormatException)
            {
                return "segment key file " + file.FullName + " is not hex";
            }

            return null;
        }

        private static void WritePrivate(string path, byte[] bytes)
        {
            string temporary = path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(true);
            }

            File.Move(temporary, path, overwrite: true);
        }
    }
}

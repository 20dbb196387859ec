using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Runtime;
using EdgeMesh.Messaging;
using EdgeMesh.Protocol.Payloads;
using EdgeMesh.Security.Admission;
using EdgeMesh.Security.Identity;
using EdgeMesh.Simulation;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeMesh.Node.Commands
{
    /// <summary>
    /// <c>edgemesh dm-bench</c>: direct messages per second and their latency between two complete
    /// daemons (<see cref="MeshNode"/>: sockets, signing, the messenger, the persisted outbox) on UDP
    /// loopback, in one process. Latency is from <see cref="MeshNode.SendDirect"/> to the signed
    /// acknowledgement's receipt (one round trip, encryption, decryption, two signatures and their checks, the outbox write).
    /// </summary>
    internal static class DmBenchCommand
    {
        /// <summary>How long one message may wait for its acknowledgement before it counts as not acknowledged.</summary>
        private static readonly TimeSpan ReceiptPatience = TimeSpan.FromSeconds(30);

        internal static Command Create()
        {
            var messages = new Option<int>("--messages") { Description = "Messages to measure (after a warm-up of 10 %).", DefaultValueFactory = _ => 2000 };
            var size = new Option<int>("--size") { Description = "Payload bytes per message (0..49152).", DefaultValueFactory = _ => 64 };
            var window = new Option<int>("--window") { Description = "Messages in flight at once (1: one after another, pure latency).", DefaultValueFactory = _ => 32 };
            var noFlush = new Option<bool>("--no-flush") { Description = "Do not flush each outbox write to the device (dm.flushToDisk false)." };
            var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a summary." };
            var fragmentRate = new Option<int>("--fragment-rate") { Description = "dm.fragmentsPerSecond of both nodes (0: no pacing, every fragment leaves at once).", DefaultValueFactory = _ => new DmConfig().FragmentsPerSecond };
            var command = new Command("dm-bench", "Measure direct messages per second and latency p50/p99 between two daemons on UDP loopback (one process, temporary fleet).") { messages, size, window, noFlush, json, fragmentRate };
            command.SetAction(async (parse, token) =>
            {
                int count = parse.GetValue(messages);
                int bytes = parse.GetValue(size);
                int inFlight = parse.GetValue(window);
                int rate = parse.GetValue(fragmentRate);
                if (count < 1 || bytes < 0 || bytes > DmLimits.MaxPayloadBytes || inFlight < 1 || inFlight > 200 || rate < 0)
                {
                    parse.InvocationConfiguration.Error.WriteLine("edgemesh: error: --messages must be at least 1, --size 0.." + DmLimits.MaxPayloadBytes + ", --window 1..200 (below the outbox capacity), --fragment-rate 0 or more");
                    return ExitCodes.Usage;
                }

                if (!Cli.RequireSodium(parse, out int exitCode))
                {
                    return exitCode;
                }

                string root = Path.Combine(Path.GetTempPath(), "edgemesh-dm-bench-" + Guid.NewGuid().ToString("N"));
                try
                {
                    Result result = await RunAsync(root, count, bytes, inFlight, !parse.GetValue(noFlush), rate, token).ConfigureAwait(false);
                    Print(parse, result, count, bytes, inFlight, !parse.GetValue(noFlush), parse.GetValue(json));
                    return result.Accepted == count ? ExitCodes.Success : ExitCodes.Failure;
                }
                catch (InvalidOperationException e)
                {
                    return Cli.Fail(parse, e.Message);
                }
                finally
                {
                    Directory.Delete(root, recursive: true);
                }
            });
            return command;
        }

        private static async Task<Result> RunAsync(string root, int count, int size, int window, bool flush, int fragmentRate, CancellationToken token)
        {
            using FleetAuthority fleet = FleetAuthority.Generate();
            MeshNode receiver = StartNode(fleet, Path.Combine(root, "b"), null, flush, fragmentRate);
            MeshNode? sender = null;
            try
            {
                await receiver.StartAsync(token).ConfigureAwait(false);
                sender = StartNode(fleet, Path.Combine(root, "a"), "127.0.0.1:" + receiver.UdpEndPoint.Port, flush, fragmentRate);
                await sender.StartAsync(token).ConfigureAwait(false);
                DateTime meetBy = DateTime.UtcNow.AddSeconds(10);
                while (!Knows(sender, receiver) || !Knows(receiver, sender))
                {
                    if (DateTime.UtcNow > meetBy)
                    {
                        throw new InvalidOperationException("the two nodes did not meet on loopback within 10 s");
                    }

                    await Task.Delay(20, token).ConfigureAwait(false);
                }

                byte[] payload = new byte[size];
                Random.Shared.NextBytes(payload);
                int warmUp = Math.Max(10, count / 10);
                using var drain = new CancellationTokenSource();
                Task reader = DrainAsync(receiver, drain.Token);
                await MeasureAsync(sender, receiver, payload, warmUp, window, token).ConfigureAwait(false);
                Result result = await MeasureAsync(sender, receiver, payload, count, window, token).ConfigureAwait(false);
                await drain.CancelAsync().ConfigureAwait(false);
                await reader.ConfigureAwait(false);
                result.Retries = sender.GetStatus().Counters.Direct.GetValueOrDefault("dm_retries");
                if (result.Accepted < count || result.Retries > 0)
                {
                    result.Diagnostics = "sender " + Counters(sender) + "\nreceiver " + Counters(receiver);
                }

                return result;
            }
            finally
            {
                foreach (MeshNode? node in new[] { sender, receiver })
                {
                    if (node != null)
                    {
                        await node.StopAsync().ConfigureAwait(false);
                        node.Dispose();
                    }
                }
            }
        }

        /// <summary>Sends <paramref name="count"/> messages with at most <paramref name="window"/> unacknowledged; latency per message.</summary>
        private static async Task<Result> MeasureAsync(MeshNode sender, MeshNode receiver, byte[] payload, int count, int window, CancellationToken token)
        {
            var latencies = new long[count];
            using var slots = new SemaphoreSlim(window);
            var pending = new List<Task<bool>>(count);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                pending.Add(OneAsync(sender, receiver, payload, latencies, i, slots, token));
            }

            bool[] outcomes = await Task.WhenAll(pending).ConfigureAwait(false);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            Array.Sort(latencies);
            return new Result
            {
                Accepted = Array.FindAll(outcomes, o => o).Length,
                Seconds = seconds,
                P50Us = Percentiles.NearestRank(latencies, 0.50),
                P99Us = Percentiles.NearestRank(latencies, 0.99),
                MaxUs = latencies[^1],
            };
        }

        private static async Task<bool> OneAsync(MeshNode sender, MeshNode receiver, byte[] payload, long[] latencies, int index, SemaphoreSlim slots, CancellationToken token)
        {
            try
            {
                long start = Stopwatch.GetTimestamp();
                DmSendResult sent = sender.SendDirect(receiver.Id, PayloadType.Raw, payload);
                if (!sent.IsQueued)
                {
                    throw new InvalidOperationException("send refused: " + sent.Message);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(ReceiptPatience);
                try
                {
                    DmReceipt receipt = await sender.WaitForReceiptAsync(sent.RequestId, timeout.Token).ConfigureAwait(false);
                    return receipt.Status == DmReceiptStatus.Accepted;
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    return false; // counted as not acknowledged; its latency is the patience
                }
                finally
                {
                    latencies[index] = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                }
            }
            finally
            {
                slots.Release();
            }
        }

        /// <summary>The receiving application: takes every delivered message so the inbox never fills.</summary>
        private static async Task DrainAsync(MeshNode receiver, CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await receiver.WaitForDirectMessageAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                receiver.TakeDirectMessages(1024);
            }
        }

        private static MeshNode StartNode(FleetAuthority fleet, string dir, string? bootstrap, bool flush, int fragmentRate)
        {
            if (KeyFiles.EnsureDirectory(dir, out string error) != FileError.None)
            {
                throw new InvalidOperationException(error);
            }

            using NodeKeyPair identity = NodeKeyPair.Generate();
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            byte[] certificate = fleet.IssueCertificate(identity.PublicKey, FleetRoles.Robot, now - 60_000, now + 3_600_000);
            if (KeyFiles.WriteKeyPair(Path.Combine(dir, KeyFiles.NodeSecretKeyFile), Path.Combine(dir, KeyFiles.NodePublicKeyFile), identity.Keys, KeyPurpose.Node, false, out error) != FileError.None
                || KeyFiles.WriteDocument(Path.Combine(dir, KeyFiles.NodeCertificateFile), certificate, out error) != FileError.None
                || KeyFiles.WriteKeyPair(Path.Combine(dir, "fleet.key.unused"), Path.Combine(dir, KeyFiles.FleetPublicKeyFile), fleet.Keys, KeyPurpose.FleetRoot, false, out error) != FileError.None)
            {
                throw new InvalidOperationException(error);
            }

            File.Delete(Path.Combine(dir, "fleet.key.unused"));
            var config = new NodeConfig { Listen = "127.0.0.1:0", Api = "127.0.0.1:0" };
            config.Discovery.Enabled = false;
            config.Dm.FlushToDisk = flush;
            if (fragmentRate == 0)
            {
                // Unpaced: a bucket too large to ever run dry.
                config.Dm.FragmentBurst = 1_000_000;
                config.Dm.FragmentsPerSecond = 100_000_000;
            }
            else
            {
                config.Dm.FragmentsPerSecond = fragmentRate;
            }
            if (bootstrap != null)
            {
                config.Bootstrap.Add(bootstrap);
            }

            if (!MeshNode.TryCreate(dir, config, NullLoggerFactory.Instance, TimeProvider.System, out MeshNode? node, out error))
            {
                throw new InvalidOperationException(error);
            }

            return node!;
        }

        private static string Counters(MeshNode node)
        {
            var parts = new List<string>();
            EdgeMesh.Daemon.Api.StatusCounters counters = node.GetStatus().Counters;
            foreach (Dictionary<string, long> group in new[] { counters.Transport, counters.Direct, counters.Dropped, counters.Rejected })
            {
                foreach (KeyValuePair<string, long> pair in group)
                {
                    if (pair.Value != 0)
                    {
                        parts.Add(pair.Key + "=" + pair.Value.ToString(CultureInfo.InvariantCulture));
                    }
                }
            }

            return string.Join(' ', parts);
        }

        private static bool Knows(MeshNode node, MeshNode other)
        {
            return node.GetPeers().Exists(p => p.Id == other.Id.ToString());
        }

        private static void Print(ParseResult parse, Result result, int count, int size, int window, bool flush, bool json)
        {
            TextWriter output = Cli.Out(parse);
            double rate = result.Accepted / result.Seconds;
            if (result.Diagnostics != null)
            {
                parse.InvocationConfiguration.Error.WriteLine("some messages needed retries or were not acknowledged within " + ReceiptPatience.TotalSeconds + " s; counters:\n" + result.Diagnostics);
            }

            if (json)
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("messages", count);
                    writer.WriteNumber("accepted", result.Accepted);
                    writer.WriteNumber("payloadBytes", size);
                    writer.WriteNumber("window", window);
                    writer.WriteBoolean("flushToDisk", flush);
                    writer.WriteNumber("seconds", Math.Round(result.Seconds, 3));
                    writer.WriteNumber("messagesPerSecond", Math.Round(rate, 1));
                    writer.WriteNumber("latencyP50Us", result.P50Us);
                    writer.WriteNumber("latencyP99Us", result.P99Us);
                    writer.WriteNumber("latencyMaxUs", result.MaxUs);
                    writer.WriteNumber("retries", result.Retries);
                    writer.WriteEndObject();
                }

                output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                return;
            }

            output.WriteLine("direct messages, two daemons on UDP loopback: " + count + " x " + size + " B, window " + window + ", outbox flush " + (flush ? "on" : "off"));
            output.WriteLine("acknowledged: " + result.Accepted + "/" + count + " in " + result.Seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s = " + rate.ToString("0", CultureInfo.InvariantCulture) + " DM/s, retries " + result.Retries);
            output.WriteLine("latency send->receipt: p50 " + Ms(result.P50Us) + ", p99 " + Ms(result.P99Us) + ", max " + Ms(result.MaxUs));
        }

        private static string Ms(double microseconds)
        {
            return (microseconds / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) + " ms";
        }

        private sealed class Result
        {
            internal int Accepted { get; init; }

            internal double Seconds { get; init; }

            internal double P50Us { get; init; }

            internal double P99Us { get; init; }

            internal long MaxUs { get; init; }

            internal long Retries { get; set; }

            internal string? Diagnostics { get; set; }
        }
    }
}

using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using EdgeMesh.Daemon.Api;
using EdgeMesh.Daemon.Configuration;
using EdgeMesh.Daemon.Observability;
using EdgeMesh.Daemon.Runtime;
using Microsoft.Extensions.Logging;

namespace EdgeMesh.Node.Commands
{
    /// <summary><c>edgemesh run --dir DIR</c>: the node daemon in the foreground until SIGTERM or Ctrl+C.</summary>
    internal static class RunCommand
    {
        internal static Command Create()
        {
            var dir = new Option<string>("--dir") { Description = "Node directory (edgemesh.json, node.key, node.cert, fleet.pub).", Required = true };
            var command = new Command("run", "Run the node in the foreground: transports, discovery, mesh and the local API. SIGTERM or Ctrl+C stops it cleanly.") { dir };
            command.SetAction(parse => Run(parse, parse.GetValue(dir)!));
            return command;
        }

        private static int Run(ParseResult parse, string directory)
        {
            var timeline = new StartupTimeline();
            if (!Cli.RequireSodium(parse, out int exitCode))
            {
                return exitCode;
            }

            timeline.Mark("libsodium");
            if (!Directory.Exists(directory))
            {
                return Cli.Fail(parse, "node directory " + directory + " does not exist; create one with: edgemesh init --dir " + directory + " --fleet FLEETDIR (see edgemesh init --help)");
            }

            if (!File.Exists(Path.Combine(directory, NodeConfig.FileName)))
            {
                return Cli.Fail(parse, directory + " has no " + NodeConfig.FileName + "; create it with: edgemesh init --dir " + directory + " (the identity key and certificate, if any, are kept)");
            }

            if (!NodeConfig.TryLoad(Path.Combine(directory, NodeConfig.FileName), out NodeConfig? config, out string error))
            {
                return Cli.Fail(parse, error);
            }

            timeline.Mark("config");
            LogLevel level = Enum.Parse<LogLevel>(config!.LogLevel, ignoreCase: true);
            using ILoggerFactory logging = NodeLogging.Create(level);
            ILogger log = logging.CreateLogger("edgemesh");
            timeline.Mark("logging");
            if (!MeshNode.TryCreate(directory, config, logging, TimeProvider.System, out MeshNode? node, out error))
            {
                return Cli.Fail(parse, error);
            }

            timeline.Mark("keys+sockets");

            using (node)
            {
                using var stop = new CancellationTokenSource();
                using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
                using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

                // Building the web host is the slowest start-up step: it runs beside the mesh start.
                var apiClock = Stopwatch.StartNew();
                Task<LocalApi?> apiStart = Task.Run(() => LocalApi.TryCreate(node!, config, directory, level, out LocalApi? created, out error) ? created : null);
                LocalApi? api = null;
                try
                {
                    node!.StartAsync(stop.Token).GetAwaiter().GetResult();
                    timeline.Mark("mesh start");
                    api = apiStart.GetAwaiter().GetResult();
                    if (api == null)
                    {
                        return Cli.Fail(parse, error);
                    }

                    api.StartAsync(stop.Token).GetAwaiter().GetResult();
                    timeline.Mark("api wait+start");
                    timeline.Add("[api build+start beside the mesh]", apiClock.Elapsed.TotalMilliseconds);
                    Log.ApiUp(log, api.EndPoint);
                    if (log.IsEnabled(LogLevel.Information))
                    {
                        string steps = timeline.Describe();
                        double sinceStart = StartupTimeline.SinceProcessStartMs();
                        Log.Ready(log, sinceStart, steps);
                    }

                    stop.Token.WaitHandle.WaitOne();
                }
                catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
                {
                    return Cli.Fail(parse, PortConflict.DescribeApi(config));
                }
                catch (IOException e)
                {
                    return Cli.Fail(parse, "api " + config.Api + ": " + e.Message);
                }
                catch (System.Net.Sockets.SocketException e)
                {
                    return Cli.Fail(parse, PortConflict.Describe(config, e));
                }
                finally
                {
                    api?.StopAsync().GetAwaiter().GetResult();
                    node!.StopAsync().GetAwaiter().GetResult();
                    api?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                void Stop(PosixSignalContext context)
                {
                    context.Cancel = true; // we shut down ourselves, after draining
                    stop.Cancel();
                }
            }

            return ExitCodes.Success;
        }
    }
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;

namespace EdgeMesh.Node.Commands
{
    /// <summary>Every top-level <c>edgemesh</c> command, in the order <c>--help</c> lists them.</summary>
    internal static class CommandCatalog
    {
        /// <summary>The commands, reading wall-clock time from <paramref name="clock"/> (tests pass a fixed one).</summary>
        internal static IEnumerable<Command> All(TimeProvider clock)
        {
            yield return DemoCommand.Create();
            yield return KeygenCommand.Create();
            yield return IdCommand.Create();
            yield return FleetCommand.Create(clock);
            yield return InitCommand.Create(clock);
            yield return RunCommand.Create();
            yield return SimCommand.Create();
            yield return BenchCommand.Create();
            yield return RadioCommand.Create();
            yield return EdgeMesh.Firmware.Host.Commands.ProvisionCommand.CreateFirmwareCommand();
            yield return EdgeMesh.Firmware.Host.Commands.FirmwareSimCommand.Create();
            foreach (Command client in ClientCommands.All())
            {
                yield return client;
            }

            foreach (Command dm in DmCommands.All())
            {
                yield return dm;
            }

            yield return DmBenchCommand.Create();
        }

        /// <summary>The root command with every command registered.</summary>
        internal static RootCommand CreateRoot(TimeProvider clock)
        {
            var root = new RootCommand("EdgeMesh: a secure mesh-networking runtime for robot fleets.");
            foreach (Command command in All(clock))
            {
                root.Subcommands.Add(command);
            }

            return root;
        }

        /// <summary>
        /// Parses and runs <paramref name="args"/>: the one place every command line goes through. A parse
        /// error of any command (missing argument, unknown option, bad value) prints the parser's message
        /// and exits <see cref="ExitCodes.Usage"/>, not System.CommandLine's default 1, which means
        /// <see cref="ExitCodes.Failure"/> here.
        /// </summary>
        internal static int Invoke(string[] args, TimeProvider clock, InvocationConfiguration? configuration = null)
        {
            ParseResult parse = CreateRoot(clock).Parse(args);
            int code = parse.Invoke(configuration);
            return parse.Action is ParseErrorAction ? ExitCodes.Usage : code;
        }
    }
}

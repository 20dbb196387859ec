using System.CommandLine;
using System.IO;
using EdgeMesh.Security;

namespace EdgeMesh.Node.Commands
{
    /// <summary>Helpers shared by the commands: output streams, exit codes, the libsodium start-up check.</summary>
    internal static class Cli
    {
        /// <summary>Success.</summary>
        internal const int Ok = 0;

        /// <summary>Bad input, missing or refused file.</summary>
        internal const int Failed = 1;

        /// <summary>A required system library is missing.</summary>
        internal const int MissingDependency = 3;

        internal static TextWriter Out(ParseResult parseResult)
        {
            return parseResult.InvocationConfiguration.Output;
        }

        /// <summary>Prints "edgemesh: error: ..." to the error stream and returns <see cref="Failed"/>.</summary>
        internal static int Fail(ParseResult parseResult, string message)
        {
            parseResult.InvocationConfiguration.Error.WriteLine("edgemesh: error: " + message);
            return Failed;
        }

        /// <summary>Loads libsodium; false after printing which package to install.</summary>
        internal static bool RequireSodium(ParseResult parseResult, out int exitCode)
        {
            if (Sodium.TryInitialize(out string? error))
            {
                exitCode = Ok;
                return true;
            }

            parseResult.InvocationConfiguration.Error.WriteLine("edgemesh: error: " + error);
            exitCode = MissingDependency;
            return false;
        }
    }
}

using System.CommandLine;
using System.IO;
using EdgeMesh.Security;

namespace EdgeMesh.Node.Commands
{
    /// <summary>Helpers shared by the commands: output streams, exit codes, the cryptography start-up check.</summary>
    internal static class Cli
    {
        internal static TextWriter Out(ParseResult parseResult)
        {
            return parseResult.InvocationConfiguration.Output;
        }

        /// <summary>Prints "edgemesh: error: ..." to the error stream and returns <see cref="ExitCodes.Failure"/>.</summary>
        internal static int Fail(ParseResult parseResult, string message)
        {
            parseResult.InvocationConfiguration.Error.WriteLine("edgemesh: error: " + message);
            return ExitCodes.Failure;
        }

        /// <summary>Loads libsodium (shipped beside the binary); false after printing where it belongs.</summary>
        internal static bool RequireSodium(ParseResult parseResult, out int exitCode)
        {
            if (Sodium.TryInitialize(out string? error))
            {
                exitCode = ExitCodes.Success;
                return true;
            }

            parseResult.InvocationConfiguration.Error.WriteLine("edgemesh: error: " + error);
            exitCode = ExitCodes.MissingDependency;
            return false;
        }
    }
}

using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Numerics;
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

        /// <summary>
        /// Refuses, at parse time (exit code 2 with the parser's other errors), a value of
        /// <paramref name="option"/> outside <paramref name="min"/>..<paramref name="max"/> (and NaN).
        /// </summary>
        internal static Option<T> InRange<T>(this Option<T> option, T min, T max)
            where T : struct, INumber<T>
        {
            option.Validators.Add(result =>
            {
                T value = result.GetValueOrDefault<T>();
                if (T.IsNaN(value) || value < min || value > max)
                {
                    result.AddError(option.Name + " must be " + min.ToString(null, CultureInfo.InvariantCulture) + ".." + max.ToString(null, CultureInfo.InvariantCulture) + " (got " + value.ToString(null, CultureInfo.InvariantCulture) + ")");
                }
            });
            return option;
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

namespace EdgeMesh.Firmware.Tests.CheckBuild
{
    /// <summary>Outcome of one run of the compile check: the exit code and everything it printed.</summary>
    internal sealed class CheckBuildRun
    {
        internal CheckBuildRun(int exitCode, string output, string outputAssembly)
        {
            ExitCode = exitCode;
            Output = output;
            OutputAssembly = outputAssembly;
        }

        /// <summary>dotnet build's exit code (0 when the check passed).</summary>
        internal int ExitCode { get; }

        /// <summary>Standard output and error, interleaved as they arrived.</summary>
        internal string Output { get; }

        /// <summary>Where the check's assembly is written when the build succeeds.</summary>
        internal string OutputAssembly { get; }
    }
}

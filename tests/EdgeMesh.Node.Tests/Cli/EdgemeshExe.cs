using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace EdgeMesh.Node.Tests.Cli
{
    /// <summary>Runs the built <c>edgemesh</c> executable as a separate process (for what only a process shows: stdout lines, environment, exit).</summary>
    internal static class EdgemeshExe
    {
        /// <summary>host/EdgeMesh.Node/bin/CONFIG/net10.0/edgemesh beside this test build.</summary>
        internal static string Path
        {
            get
            {
                var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
                string configuration = testBin.Parent!.Name;
                string root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
                string exe = System.IO.Path.Combine(root, "host", "EdgeMesh.Node", "bin", configuration, "net10.0", OperatingSystem.IsWindows() ? "edgemesh.exe" : "edgemesh");
                Assert.True(File.Exists(exe), "build the edgemesh executable first: " + exe);
                return exe;
            }
        }

        /// <summary>Runs to the end (30 s at most) with extra environment variables and optional stdin.</summary>
        internal static (int Code, string Output, string Error) Run(IDictionary<string, string>? environment, byte[]? stdin, params string[] arguments)
        {
            var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null, UseShellExecute = false };
            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment.Remove("EDGEMESH_API");
            info.Environment.Remove("EDGEMESH_API_TOKEN");
            foreach (KeyValuePair<string, string> pair in environment ?? new Dictionary<string, string>())
            {
                info.Environment[pair.Key] = pair.Value;
            }

            using Process process = Process.Start(info)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (stdin != null)
            {
                try
                {
                    process.StandardInput.BaseStream.Write(stdin);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The command stopped reading (it refused the input): its exit code says why.
                }
            }

            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                Assert.Fail("edgemesh " + string.Join(' ', arguments) + " did not finish");
            }

            return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
        }
    }
}

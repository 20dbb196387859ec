using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>One `edgemesh run` process of the built executable, and its local API.</summary>
    internal sealed class EdgemeshProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringWriter _output = new();

        private EdgemeshProcess(Process process, string api)
        {
            _process = process;
            Api = new HttpClient { BaseAddress = new Uri("http://" + api), Timeout = TimeSpan.FromSeconds(10) };
            _process.OutputDataReceived += (_, e) => Record(e.Data);
            _process.ErrorDataReceived += (_, e) => Record(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        internal HttpClient Api { get; }

        internal bool HasExited => _process.HasExited;

        /// <summary>What the process printed so far (for failure messages).</summary>
        internal string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        /// <summary>
        /// $EDGEMESH_BINARY when set (for example the NativeAOT build in artifacts/aot/linux-x64), else
        /// the executable next to this test build: host/EdgeMesh.Node/bin/CONFIG/net10.0/edgemesh.
        /// </summary>
        internal static string Executable
        {
            get
            {
                string? chosen = Environment.GetEnvironmentVariable("EDGEMESH_BINARY");
                if (!string.IsNullOrEmpty(chosen))
                {
                    Assert.True(File.Exists(chosen), "EDGEMESH_BINARY names no file: " + chosen);
                    return Path.GetFullPath(chosen);
                }

                var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
                string configuration = testBin.Parent!.Name;
                string root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
                string exe = Path.Combine(root, "host", "EdgeMesh.Node", "bin", configuration, "net10.0", OperatingSystem.IsWindows() ? "edgemesh.exe" : "edgemesh");
                Assert.True(File.Exists(exe), "build the edgemesh executable first: " + exe);
                return exe;
            }
        }

        /// <summary>Runs a short command (init, fleet init) and returns its exit code and output.</summary>
        internal static (int ExitCode, string Output) RunToEnd(params string[] arguments)
        {
            return RunToEndIn(null, arguments);
        }

        /// <summary>As <see cref="RunToEnd"/>, inside network namespace <paramref name="netns"/> (null: this one).</summary>
        internal static (int ExitCode, string Output) RunToEndIn(string? netns, params string[] arguments)
        {
            using Process process = Process.Start(StartInfo(netns, arguments))!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(30_000), "edgemesh " + string.Join(' ', arguments) + " did not finish");
            return (process.ExitCode, output);
        }

        internal static EdgemeshProcess Run(string directory, string api)
        {
            return StartIn(null, api, "run", "--dir", directory);
        }

        /// <summary>
        /// Starts a long-running command inside network namespace <paramref name="netns"/> (null: this one).
        /// `ip netns exec` execs the command, so the process is edgemesh itself and <see cref="Kill"/> reaches it.
        /// </summary>
        internal static EdgemeshProcess StartIn(string? netns, string api, params string[] arguments)
        {
            return new EdgemeshProcess(Process.Start(StartInfo(netns, arguments))!, api);
        }

        /// <summary>Waits up to <paramref name="milliseconds"/> for the process to end; its exit code, or null if it still runs.</summary>
        internal int? ExitCodeWithin(int milliseconds)
        {
            if (!_process.WaitForExit(milliseconds))
            {
                return null;
            }

            _process.WaitForExit(); // drains the redirected output
            return _process.ExitCode;
        }

        /// <summary>Peers the node's API reports in <paramref name="state"/>; 0 while the API is not up yet.</summary>
        internal async Task<int> PeersIn(string state)
        {
            try
            {
                using JsonDocument peers = JsonDocument.Parse(await Api.GetStringAsync("/v1/peers"));
                return peers.RootElement.EnumerateArray().Count(p => p.GetProperty("state").GetString() == state);
            }
            catch (HttpRequestException)
            {
                return 0;
            }
        }

        internal async Task<string> NodeId()
        {
            using JsonDocument status = JsonDocument.Parse(await Api.GetStringAsync("/v1/status"));
            return status.RootElement.GetProperty("nodeId").GetString()!;
        }

        /// <summary>SIGKILL on Unix: no chance to say goodbye.</summary>
        internal void Kill()
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
            Api.Dispose();
        }

        private static ProcessStartInfo StartInfo(string? netns, string[] arguments)
        {
            var info = new ProcessStartInfo(netns == null ? Executable : "ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (netns != null)
            {
                foreach (string prefix in new[] { "netns", "exec", netns, Executable })
                {
                    info.ArgumentList.Add(prefix);
                }
            }

            foreach (string argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            return info;
        }

        private void Record(string? line)
        {
            if (line != null)
            {
                lock (_output)
                {
                    _output.WriteLine(line);
                }
            }
        }
    }
}

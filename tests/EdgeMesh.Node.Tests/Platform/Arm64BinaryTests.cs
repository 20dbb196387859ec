using System.Diagnostics;

namespace EdgeMesh.Node.Tests.Platform
{
    /// <summary>The linux-arm64 NativeAOT binary runs under qemu-user: id, a simulation, and two production daemons talking.</summary>
    [Trait("Category", "Process")]
    public sealed class Arm64BinaryTests
    {
        [Arm64BinaryFact]
        public void The_arm64_binary_passes_its_three_checks_under_qemu()
        {
            var start = new ProcessStartInfo("bash", new[] { "tests/arm64.sh", Arm64Binary.Path })
            {
                WorkingDirectory = Arm64Binary.RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process process = Process.Start(start)!;
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(300_000), "tests/arm64.sh did not finish within 5 minutes");
            string all = output + stderr.Result;
            Assert.True(process.ExitCode == 0, all);
            Assert.Contains("arm64: ok   id", output, StringComparison.Ordinal);
            Assert.Contains("arm64: ok   sim", output, StringComparison.Ordinal);
            Assert.Contains("arm64: ok   production-pubsub", output, StringComparison.Ordinal);
            Assert.Contains("arm64: 3 passed, 0 failed", output, StringComparison.Ordinal);
        }
    }
}

using System.IO;
using System.Linq;

namespace EdgeMesh.Node.Tests.Platform
{
    /// <summary>
    /// A fact that needs the published linux-arm64 binary and qemu-user; skipped with the reason
    /// otherwise. `.ci/run` publishes the binary (tests/aot-edgemesh.sh linux-arm64) before the
    /// suite, so in CI it always runs.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class Arm64BinaryFactAttribute : FactAttribute
    {
        /// <summary>Sets <see cref="FactAttribute.Skip"/> when the check cannot run here.</summary>
        public Arm64BinaryFactAttribute()
        {
            if (!OperatingSystem.IsLinux())
            {
                Skip = "the arm64 check runs on Linux only";
            }
            else if (!OnPath("qemu-aarch64"))
            {
                Skip = "qemu-aarch64 is not on PATH: run tests/install-arm64-toolchain.sh (Debian package qemu-user)";
            }
            else if (!File.Exists(Arm64Binary.Path))
            {
                Skip = "no arm64 binary at " + Arm64Binary.Path + ": publish it with `bash tests/aot-edgemesh.sh linux-arm64` (or set EDGEMESH_ARM64_BINARY)";
            }
        }

        private static bool OnPath(string tool)
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(System.IO.Path.Combine(dir, tool)));
        }
    }
}

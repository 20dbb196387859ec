using System.IO;
using System.Linq;

namespace EdgeMesh.Daemon.Tests.Processes
{
    /// <summary>
    /// A fact that needs Linux, root and the `ip` tool (network namespaces); skipped with the reason otherwise,
    /// so a normal run reports why it did not run instead of failing or passing silently.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class RootFactAttribute : FactAttribute
    {
        /// <summary>Sets <see cref="FactAttribute.Skip"/> when the test cannot run here.</summary>
        public RootFactAttribute()
        {
            if (!OperatingSystem.IsLinux())
            {
                Skip = "network namespaces need Linux";
            }
            else if (!Environment.IsPrivilegedProcess)
            {
                Skip = "network namespaces need root: run the tests as root (e.g. sudo dotnet test) to include this test";
            }
            else if (!IpToolFound())
            {
                Skip = "the `ip` tool (iproute2) is not on PATH";
            }
        }

        private static bool IpToolFound()
        {
            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, "ip")));
        }
    }
}

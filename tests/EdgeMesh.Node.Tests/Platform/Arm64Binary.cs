using System.IO;

namespace EdgeMesh.Node.Tests.Platform
{
    /// <summary>Where the arm64 check finds the repository and the published binary.</summary>
    internal static class Arm64Binary
    {
        /// <summary>The repository root (the folder holding EdgeMesh.sln), found from the test's output folder.</summary>
        internal static string RepositoryRoot
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(System.IO.Path.Combine(dir.FullName, "EdgeMesh.sln")))
                {
                    dir = dir.Parent;
                }

                return dir?.FullName ?? throw new InvalidOperationException("EdgeMesh.sln not found above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>$EDGEMESH_ARM64_BINARY, else artifacts/aot/linux-arm64/edgemesh in the repository.</summary>
        internal static string Path =>
            Environment.GetEnvironmentVariable("EDGEMESH_ARM64_BINARY")
            ?? System.IO.Path.Combine(RepositoryRoot, "artifacts", "aot", "linux-arm64", "edgemesh");
    }
}

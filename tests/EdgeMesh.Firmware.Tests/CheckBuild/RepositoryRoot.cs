using System.IO;

namespace EdgeMesh.Firmware.Tests.CheckBuild
{
    /// <summary>Finds the repository's root directory by walking up from the test binaries.</summary>
    internal static class RepositoryRoot
    {
        /// <summary>The first directory above the test binaries that holds both Directory.Build.props and firmware/.</summary>
        internal static string Find()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "firmware")))
                {
                    return dir.FullName;
                }

                dir = dir.Parent;
            }

            throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
        }
    }
}

using System.IO;

namespace EdgeMesh.Protocol.Tests
{
    /// <summary>Reads the repository's docs/ files, so tests can check that documents and code agree.</summary>
    internal static class RepositoryDocs
    {
        /// <summary>The text of docs/<paramref name="name"/>, found by walking up from the test binaries.</summary>
        internal static string Read(string name)
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null)
            {
                string candidate = Path.Combine(dir.FullName, "docs", name);
                if (File.Exists(candidate))
                {
                    return File.ReadAllText(candidate);
                }

                dir = dir.Parent;
            }

            throw new FileNotFoundException("docs/" + name + " not found above " + AppContext.BaseDirectory);
        }

        /// <summary>The document with all white space removed, for finding hex dumps split over lines.</summary>
        internal static string ReadCompact(string name)
        {
            return string.Concat(Read(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
    }
}

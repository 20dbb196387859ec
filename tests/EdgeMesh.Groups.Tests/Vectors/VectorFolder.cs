using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace EdgeMesh.Groups.Tests.Vectors
{
    /// <summary>
    /// Locates the official MLS test vectors: <c>EDGEMESH_MLS_VECTORS</c> when set, otherwise
    /// <c>../shared/vectors/mls</c> beside the repository root. A missing folder is a failure, not
    /// a skip, unless <c>EDGEMESH_MLS_VECTORS=off</c> says so explicitly.
    /// </summary>
    internal static class VectorFolder
    {
        public const string Missing = "<vector folder missing>";
        public const string Disabled = "<vectors disabled>";

        public static string? Path { get; } = Locate();

        public static bool IsDisabled => Environment.GetEnvironmentVariable("EDGEMESH_MLS_VECTORS") == "off";

        private static string? Locate()
        {
            string? fromEnv = Environment.GetEnvironmentVariable("EDGEMESH_MLS_VECTORS");
            if (!string.IsNullOrEmpty(fromEnv) && fromEnv != "off")
            {
                return Directory.Exists(fromEnv) ? System.IO.Path.GetFullPath(fromEnv) : null;
            }

            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "EdgeMesh.sln")))
            {
                dir = dir.Parent;
            }

            if (dir is null)
            {
                return null;
            }

            string candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "vectors", "mls"));
            return Directory.Exists(candidate) ? candidate : null;
        }

        /// <summary>Vector files whose name starts with <paramref name="stem"/> ("name.json" or "name.cs1.json").</summary>
        public static IEnumerable<string> Files(string stem)
        {
            if (Path is null)
            {
                return Array.Empty<string>();
            }

            return Directory.GetFiles(Path, "*.json")
                .Select(System.IO.Path.GetFileName)
                .Where(n => n is not null && (n == stem + ".json" || n.StartsWith(stem + ".", StringComparison.Ordinal)))
                .Select(n => n!)
                .OrderBy(n => n, StringComparer.Ordinal);
        }

        /// <summary>Theory rows: one per suite-1 (or suite-independent) entry, named by file and index.</summary>
        public static IEnumerable<object[]> Cases(string stem)
        {
            if (IsDisabled)
            {
                yield return new object[] { Disabled, -1 };
                yield break;
            }

            if (Path is null)
            {
                yield return new object[] { Missing, -1 };
                yield break;
            }

            bool any = false;
            foreach (string file in Files(stem))
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(Path, file)));
                int index = 0;
                foreach (JsonElement entry in doc.RootElement.EnumerateArray())
                {
                    if (!entry.TryGetProperty("cipher_suite", out JsonElement suite) || suite.GetInt32() == 1)
                    {
                        any = true;
                        yield return new object[] { file, index };
                    }

                    index++;
                }
            }

            if (!any)
            {
                yield return new object[] { Missing + " " + stem, -1 };
            }
        }

        /// <summary>Loads one entry; fails the test loudly when the folder is missing.</summary>
        public static JsonElement Load(string file, int index)
        {
            if (file == Disabled)
            {
                return default;
            }

            Assert.True(index >= 0, $"MLS test vectors not found ({file}). Set EDGEMESH_MLS_VECTORS to the folder, or to 'off' to disable explicitly.");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(Path!, file)));
            return doc.RootElement[index].Clone();
        }

        public static byte[] Hex(this JsonElement e, string name)
        {
            JsonElement v = e.GetProperty(name);
            return v.ValueKind == JsonValueKind.Null ? Array.Empty<byte>() : Convert.FromHexString(v.GetString()!);
        }

        public static bool IsNull(this JsonElement e, string name) => !e.TryGetProperty(name, out JsonElement v) || v.ValueKind == JsonValueKind.Null;
    }
}

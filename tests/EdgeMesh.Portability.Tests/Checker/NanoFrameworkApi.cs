using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// The allowlist: the public API of .NET nanoFramework 1.x mscorlib, read from the embedded
    /// <c>nanoframework-mscorlib.api.txt</c>. That file was extracted from the declarations in
    /// github.com/nanoframework/CoreLibrary, commit 5e378893cd55157bcd1eae7e79ad96bc9ea13d3b (v1.17.11+10),
    /// folder nanoFramework.CoreLibrary/System/, restricted to the files CoreLibrary.nfproj compiles;
    /// its header says exactly how.
    /// </summary>
    public sealed class NanoFrameworkApi
    {
        private const string ResourceName = "nanoframework-mscorlib.api.txt";

        private static NanoFrameworkApi? mscorlib;

        private readonly Dictionary<string, NanoType> types;

        private readonly HashSet<string> portableAssemblies;

        private NanoFrameworkApi(Dictionary<string, NanoType> types)
            : this(types, new HashSet<string>(StringComparer.Ordinal))
        {
        }

        private NanoFrameworkApi(Dictionary<string, NanoType> types, HashSet<string> portableAssemblies)
        {
            this.types = types;
            this.portableAssemblies = portableAssemblies;
        }

        /// <summary>nanoFramework 1.x mscorlib (the only assembly the portable core's .nfproj references).</summary>
        public static NanoFrameworkApi Mscorlib
        {
            get { return mscorlib ??= Load(); }
        }

        /// <summary>Number of public types in the allowlist.</summary>
        public int TypeCount
        {
            get { return types.Count; }
        }

        /// <summary>
        /// The same allowlist, plus EdgeMesh's own portable assemblies named here (by simple name, e.g.
        /// "EdgeMesh.Hardware"): references into them are accepted as if they were inside the checked
        /// assembly, because the .nfproj compiles their shared sources too. Each of them must be
        /// checked by a test of its own; this only stops the HAL's types being reported as "not in
        /// mscorlib" when a driver uses them.
        /// </summary>
        public NanoFrameworkApi WithPortableAssemblies(params string[] assemblyNames)
        {
            ArgumentNullException.ThrowIfNull(assemblyNames);
            var names = new HashSet<string>(portableAssemblies, StringComparer.Ordinal);
            names.UnionWith(assemblyNames);
            return new NanoFrameworkApi(types, names);
        }

        /// <summary>True when <paramref name="assemblyName"/> was added with <see cref="WithPortableAssemblies"/>.</summary>
        public bool IsPortableAssembly(string assemblyName)
        {
            return portableAssemblies.Contains(assemblyName);
        }

        /// <summary>The type named <paramref name="fullName"/> (nested types as <c>Outer+Inner</c>), or null.</summary>
        public NanoType? FindType(string fullName)
        {
            return types.TryGetValue(fullName, out NanoType? type) ? type : null;
        }

        /// <summary>
        /// True when <paramref name="typeName"/> or one of its base types declares <paramref name="memberKey"/>:
        /// <c>M Name(ParamType,...)</c> (conversion operators add <c>:ReturnType</c>) or <c>F Name</c>.
        /// Inherited members count: nanoFramework's UInt64 has no GetHashCode of its own, Object's serves.
        /// </summary>
        public bool HasMember(string typeName, string memberKey)
        {
            for (NanoType? t = FindType(typeName); t != null; t = t.BaseType == null ? null : FindType(t.BaseType))
            {
                if (t.Members.Contains(memberKey))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Members of <paramref name="typeName"/> and its bases called <paramref name="name"/> (for hints in messages).</summary>
        public IReadOnlyList<string> MembersNamed(string typeName, string name)
        {
            var found = new List<string>();
            for (NanoType? t = FindType(typeName); t != null; t = t.BaseType == null ? null : FindType(t.BaseType))
            {
                found.AddRange(t.Members.Where(m => m.StartsWith("M " + name + "(", StringComparison.Ordinal) || m == "F " + name).Select(m => m.Substring(2)));
            }

            return found;
        }

        private static NanoFrameworkApi Load()
        {
            using Stream stream = typeof(NanoFrameworkApi).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException("embedded resource " + ResourceName + " is missing");
            using var text = new StreamReader(stream);
            return Parse(text);
        }

        /// <summary>Parses the allowlist format described in the header of nanoframework-mscorlib.api.txt.</summary>
        internal static NanoFrameworkApi Parse(TextReader text)
        {
            var types = new Dictionary<string, NanoType>(StringComparer.Ordinal);
            NanoType? current = null;
            string? line;
            while ((line = text.ReadLine()) != null)
            {
                if (line.StartsWith("T ", StringComparison.Ordinal))
                {
                    int hash = line.IndexOf('#', StringComparison.Ordinal);
                    string declaration = (hash < 0 ? line : line.Substring(0, hash)).Substring(2).Trim();
                    bool compileTimeOnly = declaration.EndsWith("[ExcludeType]", StringComparison.Ordinal);
                    if (compileTimeOnly)
                    {
                        declaration = declaration.Substring(0, declaration.Length - "[ExcludeType]".Length).Trim();
                    }

                    string[] parts = declaration.Split(" : ");
                    current = new NanoType(parts[0], parts.Length > 1 ? parts[1] : null, compileTimeOnly, hash < 0 ? "" : line.Substring(hash + 1).Trim());
                    types.Add(current.Name, current);
                }
                else if (line.StartsWith("  ", StringComparison.Ordinal) && current != null)
                {
                    current.Members.Add(line.Trim());
                }
            }

            return new NanoFrameworkApi(types);
        }
    }

    /// <summary>A public type of nanoFramework mscorlib.</summary>
    /// <param name="Name">Full name, nested types as <c>Outer+Inner</c>.</param>
    /// <param name="BaseType">Base type's full name; null for System.Object and interfaces.</param>
    /// <param name="CompileTimeOnly">Marked [ExcludeType]: stripped from the device image, usable only as a custom attribute.</param>
    /// <param name="SourceFile">Declaring file under nanoFramework.CoreLibrary/.</param>
    public sealed record NanoType(string Name, string? BaseType, bool CompileTimeOnly, string SourceFile)
    {
        /// <summary>Member keys: <c>M Name(ParamTypes)</c> or <c>F Name</c>.</summary>
        public HashSet<string> Members { get; } = new HashSet<string>(StringComparer.Ordinal);
    }
}

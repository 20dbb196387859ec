using System.Collections.Generic;
using System.IO;
using System.Reflection.PortableExecutable;
using System.Text;

namespace EdgeMesh.Portability.Tests.Checker
{
    /// <summary>
    /// Checks a compiled assembly against the .NET nanoFramework 1.x subset that the portable core
    /// (shared/EdgeMesh.Protocol) must stay in. It reads metadata and IL with System.Reflection.Metadata,
    /// loads nothing, and reports every finding with the type and member where it occurs.
    /// Rules and their reasons: docs/portability.md.
    /// </summary>
    public static class NanoFrameworkSubsetChecker
    {
        /// <summary>Checks the assembly at <paramref name="assemblyPath"/> against nanoFramework 1.x mscorlib.</summary>
        public static IReadOnlyList<PortabilityViolation> Check(string assemblyPath)
        {
            return Check(assemblyPath, NanoFrameworkApi.Mscorlib);
        }

        /// <summary>Checks the assembly at <paramref name="assemblyPath"/> against the given allowlist.</summary>
        public static IReadOnlyList<PortabilityViolation> Check(string assemblyPath, NanoFrameworkApi api)
        {
            ArgumentNullException.ThrowIfNull(assemblyPath);
            ArgumentNullException.ThrowIfNull(api);
            using FileStream stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            return new SubsetWalker(pe, api).Run();
        }

        /// <summary>All violations, one per line, for test failure messages.</summary>
        public static string Describe(IReadOnlyCollection<PortabilityViolation> violations)
        {
            ArgumentNullException.ThrowIfNull(violations);
            var text = new StringBuilder();
            text.Append(violations.Count).Append(" violation(s) of the nanoFramework subset (docs/portability.md):");
            foreach (PortabilityViolation violation in violations)
            {
                text.AppendLine().Append("  ").Append(violation);
            }

            return text.ToString();
        }
    }
}

using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace EdgeMesh.Firmware.Tests.CheckBuild
{
    /// <summary>
    /// The compile check (firmware/EdgeMesh.Firmware.Check) builds the portable sources against
    /// nanoFramework's own mscorlib: it must pass on the sources as they are, and fail with the
    /// compiler's error when a copy of them uses an API the device lacks. Each test copies the
    /// sources to a temporary directory and runs the same `dotnet build` CI runs (a few seconds each).
    /// </summary>
    public sealed class CompileCheckTests
    {
        private const string ProbeFolder = "shared/EdgeMesh.Protocol/Internal/";

        [Fact]
        public void Check_passes_on_the_portable_sources_and_references_nothing_but_the_device_mscorlib()
        {
            using CheckBuildCopy copy = CheckBuildCopy.Create();
            // A user-defined generic: the compiler accepts it against nanoFramework's mscorlib, the
            // device's runtime does not. The metadata guard (tests/EdgeMesh.Portability.Tests) is what
            // catches it; this test pins down that the compile check alone cannot.
            copy.AddFile(ProbeFolder + "GenericProbe.cs", """
                namespace EdgeMesh.Protocol.Internal
                {
                    internal sealed class GenericProbe<T>
                    {
                        internal static T Echo(T value)
                        {
                            return value;
                        }
                    }
                }
                """);

            CheckBuildRun run = copy.Build();

            Assert.True(run.ExitCode == 0, "the compile check failed on the unmodified sources:\n" + run.Output);
            using var stream = File.OpenRead(run.OutputAssembly);
            using var pe = new PEReader(stream);
            MetadataReader metadata = pe.GetMetadataReader();
            var references = new List<string>();
            foreach (AssemblyReferenceHandle handle in metadata.AssemblyReferences)
            {
                AssemblyReference reference = metadata.GetAssemblyReference(handle);
                references.Add(metadata.GetString(reference.Name) + " " + reference.Version);
            }

            Assert.Equal(new[] { "mscorlib 1.17.11.0" }, references);
            Assert.True(metadata.GetTableRowCount(TableIndex.GenericParam) > 0, "the generic probe should have compiled into the check's output");
        }

        [Fact]
        public void Check_fails_when_a_source_uses_System_Collections_Generic_List()
        {
            using CheckBuildCopy copy = CheckBuildCopy.Create();
            copy.AddFile(ProbeFolder + "ListProbe.cs", """
                namespace EdgeMesh.Protocol.Internal
                {
                    internal static class ListProbe
                    {
                        internal static int Count()
                        {
                            var items = new System.Collections.Generic.List<int>();
                            items.Add(1);
                            return items.Count;
                        }
                    }
                }
                """);

            CheckBuildRun run = copy.Build();

            AssertFailsOnlyWith(run, "ListProbe.cs", "CS0234", "'Generic' does not exist in the namespace 'System.Collections'");
        }

        [Fact]
        public void Check_fails_when_a_source_uses_BinaryPrimitives()
        {
            using CheckBuildCopy copy = CheckBuildCopy.Create();
            copy.AddFile(ProbeFolder + "BinaryPrimitivesProbe.cs", """
                namespace EdgeMesh.Protocol.Internal
                {
                    internal static class BinaryPrimitivesProbe
                    {
                        internal static ushort Read(byte[] source)
                        {
                            return System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(source);
                        }
                    }
                }
                """);

            CheckBuildRun run = copy.Build();

            AssertFailsOnlyWith(run, "BinaryPrimitivesProbe.cs", "CS0234", "'Buffers' does not exist in the namespace 'System'");
        }

        /// <summary>The build failed, and every compiler error it reports is the expected one, in the probe file.</summary>
        private static void AssertFailsOnlyWith(CheckBuildRun run, string probeFile, string code, string message)
        {
            Assert.True(run.ExitCode != 0, "the compile check accepted " + probeFile + ":\n" + run.Output);
            MatchCollection errors = Regex.Matches(run.Output, @"^(?<file>[^\s(]+)\(\d+,\d+\): error (?<code>CS\d+): (?<text>.*)$", RegexOptions.Multiline);
            Assert.True(errors.Count > 0, "the build failed without a compiler error:\n" + run.Output);
            foreach (Match error in errors)
            {
                Assert.EndsWith(probeFile, error.Groups["file"].Value, StringComparison.Ordinal);
                Assert.Equal(code, error.Groups["code"].Value);
                Assert.Contains(message, error.Groups["text"].Value, StringComparison.Ordinal);
            }
        }
    }
}

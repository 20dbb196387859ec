using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using EdgeMesh.NonPortableSample;
using EdgeMesh.Portability.Tests.Checker;

namespace EdgeMesh.Portability.Tests.Subset
{
    /// <summary>
    /// Proof that the checker catches what it claims: it runs on the fixture assembly
    /// EdgeMesh.NonPortableSample, which breaks each rule in one known member, and must report each
    /// finding at that member, while accepting the fixture's portable members.
    /// </summary>
    public sealed class CheckerPortabilityProofTests
    {
        private const string Members = "EdgeMesh.NonPortableSample.NonPortableMembers";

        private static readonly IReadOnlyList<PortabilityViolation> Found =
            NanoFrameworkSubsetChecker.Check(typeof(NonPortableMembers).Assembly.Location);

        [Theory]
        [InlineData("List<int> field", PortabilityRule.GenericInstantiation, Members, "ListField", "System.Collections.Generic.List`1<System.Int32>")]
        [InlineData("List<int> field", PortabilityRule.ForbiddenApi, Members, "ListField", "System.Collections.Generic.List`1")]
        [InlineData("generic method", PortabilityRule.GenericMethodDefinition, Members, "Identity``1(!!0)", Members + ".Identity``1(!!0)")]
        [InlineData("generic type", PortabilityRule.GenericTypeDefinition, "EdgeMesh.NonPortableSample.Box`1", null, "EdgeMesh.NonPortableSample.Box`1")]
        [InlineData("LINQ", PortabilityRule.ForbiddenApi, Members, "CountLarge(System.Int32[])", "System.Linq.Enumerable")]
        [InlineData("LINQ generic call", PortabilityRule.GenericInstantiation, Members, "CountLarge(System.Int32[])", "System.Linq.Enumerable.Count<System.Int32>")]
        [InlineData("async method", PortabilityRule.ForbiddenApi, Members, "DelayedAsync()", "System.Runtime.CompilerServices.AsyncStateMachineAttribute")]
        [InlineData("Task return", PortabilityRule.ForbiddenApi, Members, "DelayedAsync()", "System.Threading.Tasks.Task`1")]
        [InlineData("Span parameter", PortabilityRule.ForbiddenApi, Members, "SumSpan(System.Span`1<System.Byte>)", "System.Span`1")]
        [InlineData("Span parameter", PortabilityRule.GenericInstantiation, Members, "SumSpan(System.Span`1<System.Byte>)", "System.Span`1<System.Byte>")]
        [InlineData("string interpolation", PortabilityRule.ForbiddenApi, Members, "Interpolate(System.Int32)", "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler")]
        [InlineData("int?", PortabilityRule.GenericInstantiation, Members, "MaybeNumber(System.Boolean)", "System.Nullable`1<System.Int32>")]
        [InlineData("tuple", PortabilityRule.GenericInstantiation, Members, "Pair()", "System.ValueTuple`2<System.Int32,System.Int32>")]
        [InlineData("explicit layout", PortabilityRule.ExplicitLayout, "EdgeMesh.NonPortableSample.Overlay", null, "EdgeMesh.NonPortableSample.Overlay")]
        [InlineData("init accessor", PortabilityRule.ForbiddenApi, Members, "set_InitOnly(System.Int32)", "System.Runtime.CompilerServices.IsExternalInit")]
        [InlineData("required member", PortabilityRule.ForbiddenApi, "EdgeMesh.NonPortableSample.WithRequired", "Needed", "System.Runtime.CompilerServices.RequiredMemberAttribute")]
        [InlineData("Enum.GetValues", PortabilityRule.ForbiddenApi, Members, "EnumValues()", "System.Enum.GetValues")]
        [InlineData("cryptography", PortabilityRule.ForbiddenApi, Members, "Hash(System.Byte[])", "System.Security.Cryptography.SHA256")]
        [InlineData("Index", PortabilityRule.ForbiddenApi, Members, "LastIndex()", "System.Index")]
        [InlineData("type outside the allowlist", PortabilityRule.NotInNanoFramework, Members, "ReadFile(System.String)", "System.IO.File")]
        [InlineData("overload outside the allowlist", PortabilityRule.NotInNanoFramework, Members, "HasComma(System.String)", "System.String.Contains(System.Char)")]
        [InlineData("type in another nanoFramework library", PortabilityRule.NotInNanoFramework, Members, "Larger(System.Int32,System.Int32)", "System.Math")]
        [InlineData("stackalloc", PortabilityRule.UnsupportedConstruct, Members, "StackBuffer()", "stackalloc (localloc)")]
        [InlineData("P/Invoke", PortabilityRule.UnsupportedConstruct, Members, "GetProcessId()", "P/Invoke libc")]
        [InlineData("generic Interlocked call", PortabilityRule.GenericInstantiation, Members, "SwapText(System.String&,System.String)", "System.Threading.Interlocked.CompareExchange<System.String>")]
        [InlineData("lock statement", PortabilityRule.ProjectConvention, Members, "Locked()", "System.Threading.Monitor")]
        [InlineData("wall clock", PortabilityRule.ProjectConvention, Members, "WallClock()", "System.DateTime.get_UtcNow")]
        public void Reports_the_rule_at_the_member_that_breaks_it(string sample, PortabilityRule rule, string type, string? member, string subject)
        {
            bool reported = Found.Any(v => v.Rule == rule && v.TypeName == type && v.MemberName == member && v.Subject == subject);

            Assert.True(reported, "expected " + sample + ": [" + rule + "] " + type + "::" + member + ": " + subject
                + Environment.NewLine + NanoFrameworkSubsetChecker.Describe(Found.ToArray()));
        }

        [Fact]
        public void Names_the_nanoFramework_library_that_has_a_type_missing_from_mscorlib()
        {
            PortabilityViolation math = Found.Single(v => v.Subject == "System.Math");

            Assert.Contains("nanoFramework.System.Math", math.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Accepts_what_the_compiler_emits_for_portable_code()
        {
            // The fixture must really contain the compiler's explicit-layout array blob, or this proves nothing.
            Type? details = typeof(PortableMembers).Assembly.GetType("<PrivateImplementationDetails>");
            Assert.NotNull(details);
            Assert.Contains(details.GetNestedTypes(BindingFlags.NonPublic), t => t.IsExplicitLayout && t.Name.StartsWith("__StaticArrayInitTypeSize=", StringComparison.Ordinal));

            PortabilityViolation[] wrong = Found
                .Where(v => v.TypeName.StartsWith("EdgeMesh.NonPortableSample.Portable", StringComparison.Ordinal)
                    || v.TypeName.StartsWith("<PrivateImplementationDetails>", StringComparison.Ordinal)
                    || v.TypeName == "<assembly>"
                    || v.TypeName == "<module>")
                .ToArray();
            Assert.True(wrong.Length == 0, NanoFrameworkSubsetChecker.Describe(wrong));
        }
    }
}
